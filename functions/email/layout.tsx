import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { oneLine } from '../../shared/text-rules.ts';
import type { OutgoingEmail } from '../domain/email-delivery.ts';

/** The two email layouts: to a volunteer (a greeting, paragraphs, one button, an unsubscribe footer) and to staff (a table of facts). */

export type Lang = 'da' | 'en';

/** What a volunteer email says. */
export interface EmailButton {
  readonly label: string;
  readonly url: string;
}

export interface Content {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  /** The main action: a filled button. */
  readonly button: EmailButton;
  /** Other answers or actions, each a button of its own (outlined), in this order. */
  readonly otherButtons?: readonly EmailButton[];
  /** Further actions after the main ones, each a short text with its own (outlined) buttons. */
  readonly sections?: readonly { readonly text: string; readonly buttons: readonly EmailButton[] }[];
  readonly after?: string;
}

/**
 * A button that works in mail clients: a styled link, as wide as its label but never wider than a
 * phone's screen, its label wrapping rather than overflowing.
 */
export const Button = ({ button, primary }: { button: EmailButton; primary: boolean }) => (
  <a
    href={button.url}
    style={`display:inline-block;box-sizing:border-box;max-width:100%;margin:0 8px 8px 0;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;overflow-wrap:break-word;${primary ? 'background:#0059b3;color:#ffffff;border:2px solid #0059b3' : 'background:#ffffff;color:#0059b3;border:2px solid #0059b3'}`}
  >
    {button.label}
  </a>
);

/** Long words (an address, a link) break instead of widening the email beyond a phone's screen. */
export const wrap = 'overflow-wrap:break-word';

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
    <body
      style={`margin:0;padding:12px;background:#f5f5f5;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5;${wrap}`}
    >
      <div style="max-width:560px;margin:0 auto;background:#ffffff;padding:20px;border-top:4px solid #c8102e">
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
        <Button button={content.button} primary />
        {(content.otherButtons ?? []).map((button) => (
          <Button key={button.url} button={button} primary={false} />
        ))}
      </p>
      {(content.sections ?? []).map((section) => (
        <div key={section.text}>
          <p>{section.text}</p>
          <p>
            {section.buttons.map((button) => (
              <Button key={button.url} button={button} primary={false} />
            ))}
          </p>
        </div>
      ))}
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
    ...[content.button, ...(content.otherButtons ?? [])].flatMap((button) => [
      `${button.label}: ${button.url}`,
      '',
    ]),
    ...(content.sections ?? []).flatMap((section) => [
      oneLine(section.text),
      ...section.buttons.map((button) => `${button.label}: ${button.url}`),
      '',
    ]),
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
  /** Actions (a staff page to open), each a button; the plain text gives their links. */
  readonly buttons?: readonly EmailButton[];
  readonly after: string;
}

/** HTML (escaped by Preact) and plain text of an email to staff: a lead, a table of facts, a closing line. */
export const renderStaffEmail = (email: StaffEmail) => {
  const html = `<!DOCTYPE html>${renderToString(
    <html lang="da">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{email.subject}</title>
      </head>
      <body
        style={`margin:0;padding:12px;background:#f5f5f5;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5;${wrap}`}
      >
        <div style="max-width:600px;margin:0 auto;background:#ffffff;padding:20px;border-top:4px solid #c8102e">
          <p>{email.intro}</p>
          <p>{email.lead}</p>
          <table style="border-collapse:collapse;width:100%">
            {email.rows.map(([term, value]) => (
              <tr key={term}>
                <th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0">{term}</th>
                <td style={`padding:4px 0;${wrap}`}>{value}</td>
              </tr>
            ))}
          </table>
          {email.buttons?.length ? (
            <p>
              {email.buttons.map((button, i) => (
                <Button key={button.url} button={button} primary={i === 0} />
              ))}
            </p>
          ) : null}
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
    ...(email.buttons ?? []).flatMap((button) => [`${oneLine(button.label)}: ${button.url}`, '']),
    oneLine(email.after),
  ].join('\n');
  return { to: email.to, subject: oneLine(email.subject), html, text };
};

/** The first word of a name: how emails greet people. */
export const firstName = (name: string) => name.split(/\s+/)[0] ?? name;
