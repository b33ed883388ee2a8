import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { hashToken } from '../domain/tokens.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import type { VolunteerEmails } from '../domain/volunteer-emails.ts';
import { logger } from '../lib/logger.ts';
import type { Outbox } from './outbox-repository.ts';
import type { EmailMessage, Mailer } from './ses-mailer.ts';

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
): Pick<EmailMessage, 'subject' | 'html' | 'text'> => {
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
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    `${content.button.label}: ${content.button.url}`,
    '',
    ...(content.after ? [content.after, ''] : []),
    '--',
    footer[lang],
    `${unsubscribeLabel[lang]}: ${unsubscribeUrl}`,
  ].join('\n');
  return { subject: content.subject, html, text };
};

const templates = {
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

/**
 * Sends the volunteer emails through the outbox (a deterministic key claimed before sending, the
 * outcome recorded after) and SES. A failed send is logged and left pending in the outbox for the
 * retry job; the person's request still succeeds.
 */
export const volunteerEmails = (deps: {
  outbox: Outbox;
  mailer: Mailer;
  baseUrl: string;
  now: () => Date;
}): VolunteerEmails => {
  const link = (path: string, token: string) => `${deps.baseUrl}${path}?token=${encodeURIComponent(token)}`;

  /** Sends an email whose key is claimed; a failure leaves it pending in the outbox for the retry job. */
  const deliver = async (
    v: Volunteer,
    template: keyof typeof templates,
    key: string,
    url: string,
    unsubscribeToken: string,
  ) => {
    const unsubscribeUrl = link('/afmeld', unsubscribeToken);
    const message = {
      to: v.email,
      unsubscribeUrl,
      ...renderEmail(v.language, templates[template](v, url), unsubscribeUrl),
    };
    try {
      await deps.outbox.markSent(key, await deps.mailer.send(message), deps.now());
    } catch (error) {
      logger.warn('Email not sent; left pending in the outbox', { key, error: (error as Error).name });
      await deps.outbox.markFailed(key, (error as Error).name, deps.now());
    }
  };

  const send = async (
    v: Volunteer,
    template: keyof typeof templates,
    key: string,
    url: string,
    unsubscribeToken: string,
  ) => {
    if (await deps.outbox.claim(key, { template, recipientRef: v.id }, deps.now())) {
      await deliver(v, template, key, url, unsubscribeToken);
    }
  };

  return {
    // One confirmation per sign-up, claimed in the sign-up's own transaction.
    prepareConfirmation: (v, links) => {
      const key = `signup-confirmation#${v.id}`;
      return {
        claim: deps.outbox.claimItem(key, { template: 'confirmation', recipientRef: v.id }, deps.now()),
        send: () =>
          deliver(v, 'confirmation', key, link('/bliv-ven/bekraeft', links.confirm), links.unsubscribe),
      };
    },
    // These two are keyed by the token they carry, as each request asks for a new one.
    alreadySignedUp: (v, links) =>
      send(
        v,
        'alreadySignedUp',
        `already-signed-up#${v.id}#${hashToken(links.manage).slice(0, 16)}`,
        link('/min-tilmelding/log-ind', links.manage),
        links.unsubscribe,
      ),
    manageLink: (v, links) =>
      send(
        v,
        'manageLink',
        `manage-link#${v.id}#${hashToken(links.manage).slice(0, 16)}`,
        link('/min-tilmelding/log-ind', links.manage),
        links.unsubscribe,
      ),
  };
};
