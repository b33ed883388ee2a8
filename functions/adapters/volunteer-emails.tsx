import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { oneLine } from '../../shared/text-rules.ts';
import { wantsArrivalAlerts } from '../domain/arrival-alerts.ts';
import type { EmailComposer, OutgoingEmail } from '../domain/email-delivery.ts';
import { issueToken, type TokenPurpose, type TokenStore } from '../domain/tokens.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import type { VolunteerTemplate } from '../domain/volunteer-emails.ts';
import type { VolunteersRepository } from './volunteers-repository.ts';

type Lang = 'da' | 'en';

interface Content {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly button: { readonly label: string; readonly url: string };
  readonly after?: string;
}

const firstName = (v: Volunteer) => v.name.split(/\s+/)[0] ?? v.name;

const footer: Record<Lang, string> = {
  da: 'Du får denne e-mail, fordi din e-mailadresse blev brugt til at melde sig som frivillig ven hos Venner (Røde Kors og Dansk Flygtningehjælp).',
  en: 'You get this email because your address was used to sign up as a volunteer friend with Venner (Red Cross and Danish Refugee Council).',
};
const unsubscribeLabel: Record<Lang, string> = {
  da: 'Afmeld alle e-mails fra Venner',
  en: 'Unsubscribe from all emails from Venner',
};

const Email = ({ lang, title, children }: { lang: Lang; title: string; children: ComponentChildren }) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
    </head>
    <body style="margin:0;padding:24px;background:#f5f5f5;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">
      <div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-top:4px solid #c8102e">
        {children}
      </div>
    </body>
  </html>
);

/** Renders one email as HTML (escaped by Preact) and plain text. */
export const renderEmail = (
  lang: Lang,
  content: Content,
  unsubscribeUrl: string,
): Pick<OutgoingEmail, 'subject' | 'html' | 'text'> => {
  const html = `<!DOCTYPE html>${renderToString(
    <Email lang={lang} title={content.subject}>
      <p>{content.greeting}</p>
      {content.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <p>
        <a
          href={content.button.url}
          style="display:inline-block;background:#0059b3;color:#ffffff;padding:12px 20px;text-decoration:none;border-radius:4px"
        >
          {content.button.label}
        </a>
      </p>
      <p style="font-size:14px;color:#454545">{content.button.url}</p>
      {content.after ? <p>{content.after}</p> : null}
      <hr style="border:none;border-top:1px solid #bfbfbf" />
      <p style="font-size:13px;color:#454545">
        {footer[lang]} <a href={unsubscribeUrl}>{unsubscribeLabel[lang]}</a>
      </p>
    </Email>,
  )}`;
  // Each paragraph on one line of its own: a line break in a value cannot start a line of its own.
  const text = [
    oneLine(content.greeting),
    '',
    ...content.paragraphs.flatMap((p) => [oneLine(p), '']),
    `${content.button.label}: ${content.button.url}`,
    '',
    ...(content.after ? [oneLine(content.after), ''] : []),
    '--',
    footer[lang],
    `${unsubscribeLabel[lang]}: ${unsubscribeUrl}`,
  ].join('\n');
  return { subject: oneLine(content.subject), html, text };
};

type Facts = Readonly<Record<string, string | number>>;

const peopleDa = (n: number) => (n === 1 ? '1 person er' : `${n} personer er`);
const peopleEn = (n: number) => (n === 1 ? '1 person has' : `${n} people have`);

const templates: Record<VolunteerTemplate, (v: Volunteer, url: string, facts: Facts) => Content> = {
  unconfirmedReminder: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Reminder: confirm your sign-up as a volunteer friend',
          greeting: `Dear ${firstName(v)}`,
          paragraphs: [
            'A week ago you signed up as a volunteer friend, but your email address is not confirmed yet. Only confirmed volunteers can be matched with a refugee.',
          ],
          button: { label: 'Confirm my sign-up', url },
          after: 'This is the only reminder. Unconfirmed sign-ups are deleted 30 days after they were made.',
        }
      : {
          subject: 'Påmindelse: bekræft din tilmelding som frivillig ven',
          greeting: `Kære ${firstName(v)}`,
          paragraphs: [
            'For en uge siden meldte du dig som frivillig ven, men din e-mailadresse er ikke bekræftet endnu. Kun bekræftede frivillige kan matches med en flygtning.',
          ],
          button: { label: 'Bekræft min tilmelding', url },
          after:
            'Det er den eneste påmindelse. Ubekræftede tilmeldinger slettes 30 dage efter, de blev lavet.',
        },
  arrivalAlert: (v: Volunteer, url: string, facts: Facts): Content => {
    const arrived = Number(facts.arrived ?? 0);
    return v.language === 'en'
      ? {
          subject: 'New people in your municipality are waiting for a friend',
          greeting: `Dear ${firstName(v)}`,
          paragraphs: [
            `${peopleEn(arrived)} arrived in your municipality and ${arrived === 1 ? 'is' : 'are'} waiting for a volunteer friend.`,
            'If you are ready for a (new) friend, say so on your page, and a coordinator will contact you.',
          ],
          button: { label: 'I am ready', url },
          after: 'You get at most one such email a week. You can turn them off on your page.',
        }
      : {
          subject: 'Nye i din kommune venter på en ven',
          greeting: `Kære ${firstName(v)}`,
          paragraphs: [
            `${peopleDa(arrived)} kommet til din kommune og venter på en frivillig ven.`,
            'Er du klar til en (ny) ven, så sig det på din side, så kontakter en koordinator dig.',
          ],
          button: { label: 'Jeg er klar', url },
          after: 'Du får højst én sådan e-mail om ugen. Du kan slå dem fra på din side.',
        };
  },
  confirmation: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Confirm your sign-up as a volunteer friend',
          greeting: `Dear ${firstName(v)}`,
          paragraphs: [
            'Thank you for signing up as a volunteer friend. Please confirm your email address, so we can tell you when a refugee who would like a friend moves to your municipality.',
          ],
          button: { label: 'Confirm my sign-up', url },
          after:
            'The link works once and for 30 days. If you did not sign up, you can ignore this email: nothing is kept unless you confirm.',
        }
      : {
          subject: 'Bekræft din tilmelding som frivillig ven',
          greeting: `Kære ${firstName(v)}`,
          paragraphs: [
            'Tak, fordi du vil være frivillig ven. Bekræft din e-mailadresse, så vi kan give dig besked, når en flygtning, der gerne vil have en ven, flytter til din kommune.',
          ],
          button: { label: 'Bekræft min tilmelding', url },
          after:
            'Linket virker én gang og i 30 dage. Har du ikke meldt dig, kan du se bort fra denne e-mail: intet gemmes, medmindre du bekræfter.',
        },
  alreadySignedUp: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'You are already signed up',
          greeting: `Dear ${firstName(v)}`,
          paragraphs: [
            'Someone — probably you — tried to sign up again with this email address. You are already signed up, so nothing new was created.',
            'You can see and change your sign-up here:',
          ],
          button: { label: 'Open my sign-up', url },
          after: 'The link works once and for 24 hours.',
        }
      : {
          subject: 'Du er allerede tilmeldt',
          greeting: `Kære ${firstName(v)}`,
          paragraphs: [
            'Nogen – sikkert dig – prøvede at melde sig igen med denne e-mailadresse. Du er allerede tilmeldt, så der blev ikke oprettet noget nyt.',
            'Du kan se og ændre din tilmelding her:',
          ],
          button: { label: 'Åbn min tilmelding', url },
          after: 'Linket virker én gang og i 24 timer.',
        },
  matchEnded: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Your contact through Venner has ended',
          greeting: `Dear ${firstName(v)}`,
          paragraphs: [
            'The person you were matched with through Venner has ended the contact. We cannot tell you why, and we ask you not to contact them through Venner again. Please delete the contact details you received from us.',
            'Thank you for your time. When you are ready for a new friend, you can say so on your page:',
          ],
          button: { label: 'Open my sign-up', url },
          after: 'The link works once and for 24 hours.',
        }
      : {
          subject: 'Din kontakt gennem Venner er ophørt',
          greeting: `Kære ${firstName(v)}`,
          paragraphs: [
            'Den person, du blev matchet med gennem Venner, har afsluttet kontakten. Vi kan ikke oplyse hvorfor, og vi beder dig om ikke at kontakte personen via Venner igen. Slet venligst de kontaktoplysninger, du fik fra os.',
            'Tak for din tid. Når du er klar til en ny ven, kan du sige det på din side:',
          ],
          button: { label: 'Åbn min tilmelding', url },
          after: 'Linket virker én gang og i 24 timer.',
        },
  manageLink: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Your link to your sign-up',
          greeting: `Dear ${firstName(v)}`,
          paragraphs: ['Here is the link to your sign-up as a volunteer friend.'],
          button: { label: 'Open my sign-up', url },
          after:
            'The link works once and for 24 hours. If you did not ask for it, you can ignore this email.',
        }
      : {
          subject: 'Dit link til din tilmelding',
          greeting: `Kære ${firstName(v)}`,
          paragraphs: ['Her er linket til din tilmelding som frivillig ven.'],
          button: { label: 'Åbn min tilmelding', url },
          after:
            'Linket virker én gang og i 24 timer. Har du ikke bedt om det, kan du se bort fra denne e-mail.',
        },
};

/** The link each email carries: the token's purpose and the page that uses it. */
const links: Record<VolunteerTemplate, { purpose: TokenPurpose; path: string }> = {
  unconfirmedReminder: { purpose: 'confirm', path: '/bliv-ven/bekraeft' },
  arrivalAlert: { purpose: 'manage', path: '/min-tilmelding/log-ind' },
  matchEnded: { purpose: 'manage', path: '/min-tilmelding/log-ind' },
  confirmation: { purpose: 'confirm', path: '/bliv-ven/bekraeft' },
  alreadySignedUp: { purpose: 'manage', path: '/min-tilmelding/log-ind' },
  manageLink: { purpose: 'manage', path: '/min-tilmelding/log-ind' },
};

const isVolunteerTemplate = (template: string): template is VolunteerTemplate =>
  Object.hasOwn(links, template);

/**
 * Composes a volunteer email when the sender sends it: reads the volunteer as they are now, issues
 * the link tokens (so a link's lifetime starts when it is sent) and renders HTML and text. Nothing
 * goes to a volunteer who has left, no confirmation to one who confirmed, and only a requested
 * sign-in link to one who stopped emails.
 */
export const volunteerEmailComposer =
  (deps: {
    volunteers: Pick<VolunteersRepository, 'get'>;
    tokens: Pick<TokenStore, 'put'>;
    baseUrl: string;
  }): EmailComposer =>
  async (entry, now) => {
    if (!isVolunteerTemplate(entry.template)) throw new Error(`Not a volunteer email: ${entry.template}`);
    const v = await deps.volunteers.get(entry.recipientRef, now);
    if (!v) return { skip: 'recipient-gone' };
    // A sign-in link the person asked for still goes out after they stopped emails: it is how they resume.
    if (v.emailOptOut && entry.template !== 'manageLink') return { skip: 'opted-out' };
    if (
      (entry.template === 'confirmation' || entry.template === 'unconfirmedReminder') &&
      v.status !== 'unconfirmed'
    )
      return { skip: 'already-confirmed' };
    // An alert goes only to a volunteer who still wants one and has room for a friend.
    if (entry.template === 'arrivalAlert' && (!wantsArrivalAlerts(v) || v.status !== 'confirmed'))
      return { skip: 'no-longer-wanted' };
    const [token, unsubscribeToken] = await Promise.all([
      issueToken(deps.tokens, links[entry.template].purpose, v.id, now),
      issueToken(deps.tokens, 'unsubscribe', v.id, now),
    ]);
    const link = (path: string, value: string) => `${deps.baseUrl}${path}?token=${encodeURIComponent(value)}`;
    const unsubscribeUrl = link('/afmeld', unsubscribeToken);
    return {
      to: v.email,
      unsubscribeUrl,
      ...renderEmail(
        v.language,
        templates[entry.template](v, link(links[entry.template].path, token), entry.facts ?? {}),
        unsubscribeUrl,
      ),
    };
  };
