import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { oneLine } from '../../shared/text-rules.ts';
import type { OutgoingEmail } from '../domain/email-delivery.ts';

/** The two email layouts: to a volunteer (a greeting, paragraphs, one button, an unsubscribe footer) and to staff (a table of facts). */

export type Lang = 'da' | 'en';

/** What a volunteer email says. */
export interface Content {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly button: { readonly label: string; readonly url: string };
  readonly after?: string;
}

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

/** An email to staff (a kommune caseworker, a coordinator). */
export interface StaffEmail {
  readonly to: string;
  readonly subject: string;
  readonly intro: string;
  readonly lead: string;
  readonly rows: readonly [string, string][];
  readonly after: string;
}

/** HTML (escaped by Preact) and plain text of an email to staff: a lead, a table of facts, a closing line. */
export const renderStaffEmail = (email: StaffEmail) => {
  const html = `<!DOCTYPE html>${renderToString(
    <html lang="da">
      <head>
        <meta charset="utf-8" />
        <title>{email.subject}</title>
      </head>
      <body style="margin:0;padding:24px;background:#f5f5f5;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">
        <div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-top:4px solid #c8102e">
          <p>{email.intro}</p>
          <p>{email.lead}</p>
          <table style="border-collapse:collapse;width:100%">
            {email.rows.map(([term, value]) => (
              <tr key={term}>
                <th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0">{term}</th>
                <td style="padding:4px 0">{value}</td>
              </tr>
            ))}
          </table>
          <p>{email.after}</p>
        </div>
      </body>
    </html>,
  )}`;
  // Every value on its own line, and only there: a line break in a value cannot start a line of its own.
  const text = [
    oneLine(email.intro),
    '',
    oneLine(email.lead),
    '',
    ...email.rows.map(([term, value]) => `${oneLine(term)}: ${oneLine(value)}`),
    '',
    oneLine(email.after),
  ].join('\n');
  return { to: email.to, subject: oneLine(email.subject), html, text };
};

/** The first word of a name: how emails greet people. */
export const firstName = (name: string) => name.split(/\s+/)[0] ?? name;
