import type { ComponentChildren } from 'preact';
import { pathOf } from '../../shared/routes.ts';
import type { FieldError } from '../domain/errors.ts';
import type { Kommune } from '../domain/kommune.ts';
import { isAvailable, type Volunteer } from '../domain/volunteer.ts';
import type { Lang } from './field-errors.ts';
import { ChoiceField, ErrorSummary, type FormValues, TextField } from './form-fields.tsx';
import { withLang } from './lang-path.ts';
import { Layout, Notice } from './layout.tsx';
import { VolunteerFields } from './signup-page.tsx';

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

const statusText = (v: Volunteer, lang: Lang): string => {
  const da = lang === 'da';
  if (v.status === 'unconfirmed')
    return da ? 'Din tilmelding er ikke bekræftet endnu.' : 'Your sign-up is not confirmed yet.';
  if (v.paused)
    return da
      ? 'Din tilmelding er sat på pause. Vi foreslår dig ikke til nye venskaber.'
      : 'Your sign-up is paused. We will not suggest you for new friendships.';
  if (isAvailable(v)) return da ? 'Du er klar til en ny ven.' : 'You are ready for a new friend.';
  if (!v.ready)
    return da
      ? 'Du har sagt, at du ikke er klar til en ny ven lige nu.'
      : 'You have said you are not ready for a new friend right now.';
  return da ? 'Du har ikke plads til flere venner lige nu.' : 'You have no room for more friends right now.';
};

const ActionButton = ({
  action,
  label,
  lang,
  secondary = true,
}: {
  action: string;
  label: string;
  lang: Lang;
  secondary?: boolean;
}) => (
  <form method="post" action={withLang(managePath, lang)}>
    <input type="hidden" name="action" value={action} />
    <button class={`button ${secondary ? 'button-secondary' : 'button-primary'}`} type="submit">
      {label}
    </button>
  </form>
);

export interface ManagePageProps {
  readonly lang: Lang;
  readonly volunteer: Volunteer;
  readonly kommuner: readonly Kommune[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  readonly notice?: string;
}

export const ManagePage = ({ lang, volunteer, kommuner, values, errors, notice }: ManagePageProps) => {
  const da = lang === 'da';
  return (
    <Layout title={da ? 'Min tilmelding' : 'My sign-up'} lang={lang}>
      <h1>{da ? 'Min tilmelding' : 'My sign-up'}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <p class="font-lead" id="volunteer-status">
        {statusText(volunteer, lang)}
      </p>
      <div class="venner-actions">
        {volunteer.paused ? (
          <ActionButton
            lang={lang}
            action="resume"
            label={da ? 'Genoptag min tilmelding' : 'Resume my sign-up'}
            secondary={false}
          />
        ) : null}
        {!volunteer.paused ? (
          <ActionButton lang={lang} action="pause" label={da ? 'Sæt på pause' : 'Pause'} />
        ) : null}
        {!volunteer.ready || volunteer.paused ? (
          <ActionButton
            lang={lang}
            action="ready"
            label={da ? 'Jeg er klar til en ny ven' : 'I am ready for a new friend'}
            secondary={false}
          />
        ) : (
          <ActionButton
            lang={lang}
            action="not-ready"
            label={
              da ? 'Jeg er ikke klar til en ny ven lige nu' : 'I am not ready for a new friend right now'
            }
          />
        )}
        {volunteer.emailOptOut ? (
          <ActionButton
            lang={lang}
            action="resume-emails"
            label={da ? 'Send mig e-mails igen' : 'Email me again'}
          />
        ) : (
          <ActionButton lang={lang} action="stop-emails" label={da ? 'Stop e-mails' : 'Stop emails'} />
        )}
      </div>

      <h2>{da ? 'Mine oplysninger' : 'My details'}</h2>
      <p>
        {da ? 'E-mail' : 'Email'}: <strong>{volunteer.email}</strong>
      </p>
      <ErrorSummary errors={errors} lang={lang} />
      <form class="venner-form" method="post" action={withLang(managePath, lang)} novalidate>
        <input type="hidden" name="action" value="update" />
        <VolunteerFields lang={lang} kommuner={kommuner} values={values} errors={errors} />
        <ChoiceField
          type="radio"
          name="language"
          label={da ? 'Sprog i e-mails' : 'Language of emails'}
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
