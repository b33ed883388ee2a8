import type { ComponentChildren } from 'preact';
import { pathOf } from '../../shared/routes.ts';
import type { FieldError } from '../domain/errors.ts';
import type { Kommune } from '../domain/kommune.ts';
import type { Match } from '../domain/match.ts';
import type { LocalGroup } from '../domain/organisations.ts';
import { isAvailable, type PauseLength, pauseLengths, type Volunteer } from '../domain/volunteer.ts';
import {
  certificateState,
  missingBeforeMatch,
  needsChildCertificate,
  rulesFor,
} from '../domain/volunteer-readiness.ts';
import { calendarDate } from './calendar-date.ts';
import { fieldLabels, type Lang } from './field-errors.ts';
import { ChoiceField, ErrorSummary, type FormValues, TextField } from './form-fields.tsx';
import { phoneText } from './handover-texts.ts';
import { withLang } from './lang-path.ts';
import { Layout, Notice } from './layout.tsx';
import { noticePath } from './privacy-page.tsx';
import { inFormOrder, VolunteerFields } from './signup-page.tsx';

export const managePath = pathOf('volunteer-self-service', 'ownPage');

/** The self-service session cookie, valid for the pages under managePath only. */
export const volunteerSessionCookie = 'venner_frivillig';

/** A page with a heading, some text and optionally an action; the frame of the short steps. */
export const MessagePage = ({
  lang,
  title,
  children,
  alternate,
}: {
  lang: Lang;
  title: string;
  children: ComponentChildren;
  alternate?: string;
}) => (
  <Layout
    title={title}
    lang={lang}
    alternate={alternate ? { href: alternate, lang: lang === 'da' ? 'en' : 'da' } : undefined}
  >
    <h1>{title}</h1>
    {children}
  </Layout>
);

export const ThanksPage = ({ lang }: { lang: Lang }) =>
  lang === 'da' ? (
    <MessagePage lang={lang} title="Tak for din tilmelding">
      <p class="font-lead">
        Vi har sendt dig en e-mail. Klik på linket i den for at bekræfte din tilmelding.
      </p>
      <p>Kan du ikke finde e-mailen, så kig i din spam-mappe. Linket virker i 30 dage.</p>
    </MessagePage>
  ) : (
    <MessagePage lang={lang} title="Thank you for signing up">
      <p class="font-lead">We have sent you an email. Click the link in it to confirm your sign-up.</p>
      <p>If you cannot find the email, look in your spam folder. The link works for 30 days.</p>
    </MessagePage>
  );

/** A page behind an emailed link: the link only opens it; the button uses the single-use token (mail scanners only GET). */
export const TokenButtonPage = ({
  lang,
  title,
  lead,
  action,
  token,
  button,
}: {
  lang: Lang;
  title: string;
  lead: string;
  action: string;
  token: string;
  button: string;
}) => (
  <MessagePage lang={lang} title={title}>
    <p class="font-lead">{lead}</p>
    <form method="post" action={withLang(action, lang)}>
      <input type="hidden" name="token" value={token} />
      <button class="button button-primary" type="submit">
        {button}
      </button>
    </form>
  </MessagePage>
);

export const LinkProblemPage = ({ lang }: { lang: Lang }) => (
  <MessagePage lang={lang} title={lang === 'da' ? 'Linket virker ikke længere' : 'The link no longer works'}>
    <p class="font-lead">
      {lang === 'da'
        ? 'Linket er allerede brugt eller er udløbet. Du kan få et nyt link tilsendt.'
        : 'The link has already been used or has expired. You can get a new link by email.'}
    </p>
    <p>
      <a href={withLang(managePath, lang)}>{lang === 'da' ? 'Send mig et nyt link' : 'Send me a new link'}</a>
    </p>
  </MessagePage>
);

export const RequestLinkPage = ({
  lang,
  values,
  errors,
}: {
  lang: Lang;
  values: FormValues;
  errors: readonly FieldError[];
}) => (
  <Layout
    title={lang === 'da' ? 'Min tilmelding' : 'My sign-up'}
    lang={lang}
    alternate={
      lang === 'da' ? { href: `${managePath}?lang=en`, lang: 'en' } : { href: managePath, lang: 'da' }
    }
  >
    <h1>{lang === 'da' ? 'Min tilmelding' : 'My sign-up'}</h1>
    <p class="font-lead">
      {lang === 'da'
        ? 'Skriv den e-mailadresse, du meldte dig med. Så sender vi dig et link til din tilmelding.'
        : 'Enter the email address you signed up with, and we will send you a link to your sign-up.'}
    </p>
    <ErrorSummary errors={errors} lang={lang} />
    <form class="venner-form" method="post" action={withLang(`${managePath}/send-link`, lang)} novalidate>
      <TextField
        name="email"
        label={lang === 'da' ? 'E-mail' : 'Email'}
        type="email"
        autocomplete="email"
        values={values}
        errors={errors}
        required
      />
      <button class="button button-primary" type="submit">
        {lang === 'da' ? 'Send mig linket' : 'Send me the link'}
      </button>
    </form>
  </Layout>
);

export const LinkSentPage = ({ lang }: { lang: Lang }) => (
  <MessagePage lang={lang} title={lang === 'da' ? 'Tjek din e-mail' : 'Check your email'}>
    <p class="font-lead">
      {lang === 'da'
        ? 'Hvis adressen hører til en tilmelding, har vi sendt et link til den. Linket virker i 24 timer.'
        : 'If the address belongs to a sign-up, we have sent a link to it. The link works for 24 hours.'}
    </p>
  </MessagePage>
);

/** The one state "Min tilmelding" is in: it decides the sentence and the one primary action. */
export type SignupState = 'unconfirmed' | 'ready' | 'paused' | 'not-ready' | 'full';

export const stateOf = (v: Volunteer): SignupState => {
  if (v.status === 'unconfirmed') return 'unconfirmed';
  if (v.paused) return 'paused';
  if (!v.ready) return 'not-ready';
  return isAvailable(v) ? 'ready' : 'full';
};

const statusText = (v: Volunteer, lang: Lang): string => {
  const da = lang === 'da';
  switch (stateOf(v)) {
    case 'unconfirmed':
      return da ? 'Din tilmelding er ikke bekræftet endnu.' : 'Your sign-up is not confirmed yet.';
    case 'paused':
      return v.pausedUntil
        ? da
          ? `Du holder pause til og med ${calendarDate(v.pausedUntil, lang)}. Indtil da foreslår vi dig ikke til nye venskaber; derefter er du klar igen af dig selv.`
          : `You are taking a break until ${calendarDate(v.pausedUntil, lang)}. Until then we will not suggest you for new friendships; after that you are ready again by yourself.`
        : da
          ? 'Du holder pause. Vi foreslår dig ikke til nye venskaber, før du siger til.'
          : 'You are taking a break. We will not suggest you for new friendships until you say so.';
    case 'not-ready':
      return da
        ? 'Du har sagt, at du ikke vil have en ny ven foreløbig. Vi foreslår dig ikke til nye venskaber, før du siger, at du er klar.'
        : 'You have said you do not want a new friend for now. We will not suggest you for new friendships until you say you are ready.';
    case 'full':
      return da
        ? `Du er ven for så mange, som du har sagt, du kan (${v.activeMatches}). Vil du gerne have en ven mere, så ret antallet under „Mine oplysninger“.`
        : `You are a friend for as many as you said you can (${v.activeMatches}). If you would like one more, change the number under “My details”.`;
    case 'ready':
      return da
        ? 'Du er klar til en ny ven. Vi giver dig besked, når en flygtning i din kommune passer til dig.'
        : 'You are ready for a new friend. We will tell you when a refugee in your municipality suits you.';
  }
};

/** What changed, said after each action: "Du holder nu pause til og med 14. januar 2027." */
export const confirmationNotice = (
  kind: string,
  v: Volunteer,
  lang: Lang,
  fields: readonly string[] = [],
): string | undefined => {
  const da = lang === 'da';
  switch (kind) {
    case 'confirmed':
      return da ? 'Tak! Din tilmelding er bekræftet.' : 'Thank you! Your sign-up is confirmed.';
    case 'pause':
      return v.pausedUntil
        ? da
          ? `Du holder nu pause til og med ${calendarDate(v.pausedUntil, lang)}.`
          : `You are now taking a break until ${calendarDate(v.pausedUntil, lang)}.`
        : undefined;
    case 'resume':
    case 'ready':
      return da
        ? 'Du er klar til en ny ven igen. Vi kan nu foreslå dig til en flygtning i din kommune.'
        : 'You are ready for a new friend again. We can now suggest you to a refugee in your municipality.';
    case 'not-ready':
      return da
        ? 'Vi foreslår dig ikke til nye venskaber, før du siger, at du er klar. Dine nuværende venskaber fortsætter.'
        : 'We will not suggest you for new friendships until you say you are ready. Your current friendships go on.';
    case 'stop-emails':
      return da
        ? 'Vi sender dig ikke flere e-mails, heller ikke forslag om en ny ven.'
        : 'We will send you no more emails, not even proposals of a new friend.';
    case 'resume-emails':
      return da ? 'Vi sender dig e-mails igen.' : 'We will send you emails again.';
    case 'declaration':
      return da
        ? 'Tak! Du har accepteret tavshedserklæringen.'
        : 'Thank you! You have accepted the confidentiality declaration.';
    case 'meeting':
      return da
        ? 'Tak! Mødet er gemt, og jeres koordinator kan se det.'
        : 'Thank you! The meeting is recorded, and your coordinator can see it.';
    case 'meeting-already':
      return da ? 'Et møde i dag er allerede gemt. Tak!' : 'A meeting today is already recorded. Thank you!';
    case 'concern':
      return da
        ? 'Tak, fordi du siger det. Jeres koordinator har fået det som en opgave, der haster, og kontakter dig.'
        : 'Thank you for telling us. Your coordinator has got it as an urgent task and will get in touch.';
    case 'update': {
      const named = fields.map((f) => fieldLabels[f]?.[lang]?.toLowerCase()).filter(Boolean);
      if (named.length === 0)
        return da ? 'Der var ingen ændringer at gemme.' : 'There were no changes to save.';
      const list = new Intl.ListFormat(da ? 'da-DK' : 'en-GB', { type: 'conjunction' }).format(
        named as string[],
      );
      return da ? `Vi har gemt dine ændringer af ${list}.` : `We have saved your changes to ${list}.`;
    }
    default:
      return undefined;
  }
};

const ActionButton = ({
  action,
  label,
  lang,
  secondary = true,
  children,
}: {
  action: string;
  label: string;
  lang: Lang;
  secondary?: boolean;
  children?: ComponentChildren;
}) => (
  <form method="post" action={withLang(managePath, lang)} class="venner-action">
    <input type="hidden" name="action" value={action} />
    {children}
    <button class={`button ${secondary ? 'button-secondary' : 'button-primary'}`} type="submit">
      {label}
    </button>
  </form>
);

const pauseLabels: Record<PauseLength, Record<Lang, string>> = {
  '2-weeks': { da: '2 uger', en: '2 weeks' },
  '1-month': { da: '1 måned', en: '1 month' },
  '3-months': { da: '3 måneder', en: '3 months' },
};

/** A pause has an end: two weeks, a month or three, chosen before pressing the button. */
const PauseForm = ({ lang, primary }: { lang: Lang; primary: boolean }) => (
  <ActionButton
    lang={lang}
    action="pause"
    label={lang === 'da' ? 'Hold pause' : 'Take a break'}
    secondary={!primary}
  >
    <fieldset>
      <legend class="form-label">
        {lang === 'da' ? 'Hvor længe vil du holde pause?' : 'How long a break?'}
      </legend>
      {pauseLengths.map((length) => (
        <div class="form-group-radio" key={length}>
          <input
            class="form-radio"
            type="radio"
            id={`pause-${length}`}
            name="pauseLength"
            value={length}
            checked={length === '1-month'}
          />
          <label for={`pause-${length}`}>{pauseLabels[length][lang]}</label>
        </div>
      ))}
    </fieldset>
  </ActionButton>
);

/** The actions of the state: one primary, the others secondary. */
const StateActions = ({ volunteer, lang }: { volunteer: Volunteer; lang: Lang }) => {
  const da = lang === 'da';
  const state = stateOf(volunteer);
  const notReady = (
    <ActionButton
      lang={lang}
      action="not-ready"
      label={da ? 'Jeg vil ikke have en ny ven foreløbig' : 'I do not want a new friend for now'}
    />
  );
  switch (state) {
    case 'ready':
    case 'full':
      return (
        <div class="venner-actions">
          <PauseForm lang={lang} primary={state === 'ready'} />
          {notReady}
        </div>
      );
    case 'paused':
    case 'not-ready': {
      // The one way back: ending the pause, or saying they are ready.
      const [action, label] =
        state === 'paused'
          ? ['resume', da ? 'Jeg er klar igen nu' : 'I am ready again now']
          : ['ready', da ? 'Jeg er klar til en ny ven' : 'I am ready for a new friend'];
      return (
        <div class="venner-actions">
          <ActionButton lang={lang} action={action} label={label} secondary={false} />
        </div>
      );
    }
    case 'unconfirmed':
      return null;
  }
};

export interface ManagePageProps {
  readonly lang: Lang;
  readonly volunteer: Volunteer;
  /** Their active and paused matches (for "Vi har mødtes" and a concern). */
  readonly friendships?: readonly Match[];
  readonly today?: string;
  readonly kommuner: readonly Kommune[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  readonly notice?: string;
  /** The local group they belong to: its name and public contact. */
  readonly group?: Pick<LocalGroup, 'name' | 'email' | 'phone'>;
}

/** Who looks after the volunteer: their local group and its contact, or the programme until they have one. */
const YourGroup = ({ group, lang }: { group?: ManagePageProps['group']; lang: Lang }) => {
  const da = lang === 'da';
  return (
    <section aria-labelledby="your-group">
      <h2 id="your-group">{da ? 'Din lokale gruppe' : 'Your local group'}</h2>
      {group ? (
        <p>
          {da
            ? `Du er frivillig i ${group.name}. Gruppens koordinatorer ser dine oplysninger og kontakter dig. Skriv til `
            : `You volunteer with ${group.name}. Its coordinators see your details and contact you. Write to `}
          <a href={`mailto:${group.email}`}>{group.email}</a>
          {group.phone
            ? da
              ? ` eller ring ${phoneText(group.phone)}`
              : ` or call ${phoneText(group.phone)}`
            : ''}
          .
        </p>
      ) : (
        <p>
          {da
            ? 'Du er endnu ikke tildelt en lokal gruppe. Koordinatorerne i din kommune ser din tilmelding og kontakter dig.'
            : 'You are not yet assigned to a local group. The coordinators in your municipality see your sign-up and contact you.'}
        </p>
      )}
    </section>
  );
};

/** The confidentiality declaration the volunteer accepts (the organisation's own text would replace it). */
const declarationText: Record<Lang, string> = {
  da: 'Jeg holder det, jeg hører og ser som frivillig ven, for mig selv: om min ven, deres familie og deres sag. Jeg fortæller det kun videre til min koordinator, og kun når det er nødvendigt for at hjælpe. Det gælder også, når venskabet er slut.',
  en: 'I keep what I hear and see as a volunteer friend to myself: about my friend, their family and their case. I only pass it on to my coordinator, and only when it is needed to help. This also applies after the friendship has ended.',
};

const readinessItems = (v: Volunteer, lang: Lang, today: string): [string, boolean | undefined][] => {
  const da = lang === 'da';
  const rules = rulesFor(v);
  const s = v.screening ?? {};
  const certificate = certificateState(v, today);
  return [
    [
      da ? 'Introduktionssamtale med en koordinator' : 'Introduction conversation with a coordinator',
      Boolean(s.introduction),
    ],
    [
      da ? 'Tavshedserklæring accepteret' : 'Confidentiality declaration accepted',
      Boolean(s.confidentiality),
    ],
    ...(rules.course === 'required' || s.course
      ? [[da ? 'Kursus' : 'Course', Boolean(s.course)] as [string, boolean]]
      : []),
    [
      needsChildCertificate(v, false)
        ? da
          ? 'Børneattest (kræves for venskabsfamilier)'
          : 'Child-protection certificate (needed for friend families)'
        : da
          ? 'Børneattest (kun til familier med børn under 15 år)'
          : 'Child-protection certificate (only for families with children under 15)',
      certificate === 'valid' ? true : needsChildCertificate(v, false) ? false : undefined,
    ],
  ];
};

const Readiness = ({ volunteer: v, lang, today }: { volunteer: Volunteer; lang: Lang; today: string }) => {
  const da = lang === 'da';
  const items = readinessItems(v, lang, today);
  const missing = missingBeforeMatch(v);
  return (
    <section aria-labelledby="readiness">
      <h2 id="readiness">
        {v.firstProposedAt
          ? da
            ? 'Klar til en ny ven'
            : 'Ready for a new friend'
          : da
            ? 'Før din første ven'
            : 'Before your first friend'}
      </h2>
      <p>
        {missing.length === 0
          ? da
            ? 'Du er klar til at blive foreslået som ven.'
            : 'You are ready to be proposed as a friend.'
          : da
            ? 'Før vi kan foreslå dig som ven, mangler der:'
            : 'Before we can propose you as a friend, this is missing:'}
      </p>
      <ul class="venner-checklist">
        {items.map(([label, done]) => (
          <li key={label}>
            {done === true ? '✓ ' : done === false ? '○ ' : '– '}
            {label}
            {done === false
              ? da
                ? ': mangler'
                : ': missing'
              : done === true
                ? da
                  ? ': klaret'
                  : ': done'
                : ''}
          </li>
        ))}
      </ul>
      {!v.screening?.introduction ? (
        <p>
          {da
            ? 'En koordinator ringer eller skriver til dig for at aftale introduktionssamtalen. Børneattesten indhenter koordinatoren med dit samtykke; vi gemmer kun datoen og vurderingen.'
            : 'A coordinator will call or write to you to arrange the introduction. The coordinator obtains the child-protection certificate with your consent; we store only the date and the assessment.'}
        </p>
      ) : null}
      {!v.screening?.confidentiality ? (
        <>
          <h3>{da ? 'Tavshedserklæring' : 'Confidentiality declaration'}</h3>
          <blockquote>{declarationText[lang]}</blockquote>
          <ActionButton
            lang={lang}
            action="accept-declaration"
            label={da ? 'Jeg accepterer tavshedserklæringen' : 'I accept the confidentiality declaration'}
            secondary={false}
          />
        </>
      ) : null}
    </section>
  );
};

const Friendships = ({ matches, lang }: { matches: readonly Match[]; lang: Lang }) => {
  const da = lang === 'da';
  return (
    <section aria-labelledby="friendships">
      <h2 id="friendships">{da ? 'Dit venskab' : 'Your friendship'}</h2>
      {matches.map((m) => (
        <div key={m.id} class="venner-friendship">
          <p>
            {da ? 'Begyndt' : 'Began'} {m.activeSince ? calendarDate(m.activeSince.slice(0, 10), lang) : ''}
            {'. '}
            {da
              ? `${m.meetings ?? 0} ${(m.meetings ?? 0) === 1 ? 'møde' : 'møder'} skrevet`
              : `${m.meetings ?? 0} ${(m.meetings ?? 0) === 1 ? 'meeting' : 'meetings'} recorded`}
            {m.lastMeetingOn ? `${da ? ', senest' : ', last on'} ${calendarDate(m.lastMeetingOn, lang)}` : ''}
            .
          </p>
          <ActionButton
            lang={lang}
            action="meeting"
            label={da ? 'Vi har mødtes i dag' : 'We met today'}
            secondary={false}
          >
            <input type="hidden" name="match" value={m.id} />
          </ActionButton>
          <form method="post" action={withLang(managePath, lang)} class="venner-form-block">
            <input type="hidden" name="action" value="concern" />
            <input type="hidden" name="match" value={m.id} />
            <div class="form-group">
              <label class="form-label" for={`concern-${m.id}`}>
                {da ? 'Jeg er bekymret for …' : 'I am worried about …'}
              </label>
              <span class="form-hint" id={`concern-${m.id}-hint`}>
                {da
                  ? 'Skriv kort, hvad du er bekymret for, og ikke om helbred, religion, politik eller andre følsomme ting. Koordinatoren ringer til dig.'
                  : 'Write briefly what worries you, and not about health, religion, politics or other sensitive matters. Your coordinator will call you.'}
              </span>
              <textarea
                class="form-input"
                id={`concern-${m.id}`}
                name="note"
                rows={3}
                maxLength={500}
                required
                aria-describedby={`concern-${m.id}-hint`}
              />
            </div>
            <button class="button button-secondary" type="submit">
              {da ? 'Send til min koordinator' : 'Send to my coordinator'}
            </button>
          </form>
        </div>
      ))}
    </section>
  );
};

export const ManagePage = ({
  lang,
  volunteer,
  kommuner,
  values,
  errors,
  notice,
  friendships = [],
  today = new Date().toISOString().slice(0, 10),
  group,
}: ManagePageProps) => {
  const da = lang === 'da';
  return (
    <Layout title={da ? 'Min tilmelding' : 'My sign-up'} lang={lang}>
      <h1>{da ? 'Min tilmelding' : 'My sign-up'}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <p class="font-lead" id="volunteer-status">
        {statusText(volunteer, lang)}
      </p>
      <StateActions volunteer={volunteer} lang={lang} />
      {friendships.length > 0 ? <Friendships matches={friendships} lang={lang} /> : null}
      {volunteer.status === 'confirmed' ? (
        <Readiness volunteer={volunteer} lang={lang} today={today} />
      ) : null}
      <YourGroup group={group} lang={lang} />

      <h2>{da ? 'E-mails fra Venner' : 'Emails from Venner'}</h2>
      <p>
        {volunteer.emailOptOut
          ? da
            ? 'Du får ingen e-mails fra os, heller ikke forslag om en ny ven.'
            : 'You get no emails from us, not even proposals of a new friend.'
          : da
            ? 'Vi skriver til dig om forslag til en ny ven, om dit venskab og højst en gang om ugen om nye flygtninge i din kommune, hvis du har sagt ja til det.'
            : 'We write to you about proposals of a new friend, about your friendship and, at most once a week, about new refugees in your municipality if you said yes to that.'}
      </p>
      {volunteer.emailOptOut ? (
        <ActionButton
          lang={lang}
          action="resume-emails"
          label={da ? 'Send mig e-mails igen' : 'Email me again'}
        />
      ) : (
        <ActionButton lang={lang} action="stop-emails" label={da ? 'Stop alle e-mails' : 'Stop all emails'} />
      )}

      <h2>{da ? 'Mine oplysninger' : 'My details'}</h2>
      <p>
        {da ? 'E-mail' : 'Email'}: <strong>{volunteer.email}</strong>
      </p>
      <ErrorSummary errors={inFormOrder(errors)} lang={lang} />
      <form class="venner-form" method="post" action={withLang(managePath, lang)} novalidate>
        <input type="hidden" name="action" value="update" />
        <VolunteerFields lang={lang} kommuner={kommuner} values={values} errors={errors} />
        <ChoiceField
          type="radio"
          name="language"
          label={da ? 'Hvilket sprog vil du have e-mails på?' : 'Which language would you like emails in?'}
          values={values}
          errors={errors}
          options={[
            { value: 'da', label: 'Dansk' },
            { value: 'en', label: 'English' },
          ]}
        />
        <button class="button button-primary" type="submit">
          {da ? 'Gem ændringer' : 'Save changes'}
        </button>
      </form>

      <h2>{da ? 'Forlad programmet' : 'Leave the programme'}</h2>
      <p>
        {da
          ? 'Dine oplysninger bliver slettet med det samme. Vi gemmer kun anonyme tal, fx at én frivillig har forladt programmet i din kommune.'
          : 'Your details are deleted at once. We only keep anonymous figures, e.g. that one volunteer left the programme in your municipality.'}
      </p>
      <form method="post" action={withLang(managePath, lang)}>
        <input type="hidden" name="action" value="delete" />
        <div class="form-group-checkbox">
          <input
            type="checkbox"
            class="form-checkbox"
            id="field-confirmDelete"
            name="confirmDelete"
            value="yes"
            required
          />
          <label class="form-label" for="field-confirmDelete">
            {da ? 'Ja, slet min tilmelding og mine oplysninger' : 'Yes, delete my sign-up and my details'}
          </label>
        </div>
        <button class="button button-secondary" type="submit">
          {da ? 'Slet mine oplysninger' : 'Delete my details'}
        </button>
      </form>
      <p>
        <a href={withLang(noticePath('volunteers', volunteer.privacyNoticeVersion), lang)}>
          {da
            ? `Privatlivserklæringen, du sagde ja til (version ${volunteer.privacyNoticeVersion})`
            : `The privacy notice you agreed to (version ${volunteer.privacyNoticeVersion})`}
        </a>
      </p>
    </Layout>
  );
};

export const ErasedPage = ({ lang }: { lang: Lang }) => (
  <MessagePage lang={lang} title={lang === 'da' ? 'Dine oplysninger er slettet' : 'Your details are deleted'}>
    <p class="font-lead">
      {lang === 'da'
        ? 'Tak for din interesse i at være frivillig ven. Du er altid velkommen tilbage.'
        : 'Thank you for your interest in being a volunteer friend. You are always welcome back.'}
    </p>
  </MessagePage>
);

export const UnsubscribedPage = ({ lang }: { lang: Lang }) => (
  <MessagePage lang={lang} title={lang === 'da' ? 'Du er afmeldt' : 'You are unsubscribed'}>
    <p class="font-lead">
      {lang === 'da'
        ? 'Vi sender dig ikke flere e-mails. Du kan altid slå e-mails til igen under din tilmelding.'
        : 'We will not send you more emails. You can turn emails on again under your sign-up.'}
    </p>
    <p>
      <a href={withLang(managePath, lang)}>{lang === 'da' ? 'Min tilmelding' : 'My sign-up'}</a>
    </p>
  </MessagePage>
);
