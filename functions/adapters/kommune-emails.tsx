import { renderToString } from 'preact-render-to-string';
import { centreName } from '../../shared/asylum-centres.ts';
import { oneLine } from '../../shared/text-rules.ts';
import type { EmailComposer } from '../domain/email-delivery.ts';
import { type HandoverStore, kommuneRecipientsOf, recipientOf, referenceOf } from '../domain/handover.ts';
import {
  danishDate,
  genderPreferenceLabels,
  helpNames,
  householdText,
  kommuneNameOf,
  languageLevelsText,
  languagesText,
} from '../web/handover-texts.ts';

export interface KommuneEmail {
  readonly to: string;
  readonly subject: string;
  readonly intro: string;
  readonly lead: string;
  readonly rows: readonly [string, string][];
  readonly after: string;
}

/** HTML (escaped by Preact) and plain text of an email to staff: a lead, a table of facts, a closing line. */
export const renderStaffEmail = (email: KommuneEmail) => {
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

const greeting = (name?: string) => (name ? `Kære ${name}` : 'Til kommunens sagsbehandler');

/**
 * The email the receiving kommune's caseworker gets when a refugee consented to sharing with the
 * kommune: the consented details, composed when it is sent. A record withdrawn (erased) before
 * then, or whose consent does not cover the kommune, sends nothing.
 */
export const kommuneHandoverComposer =
  (deps: { handovers: Pick<HandoverStore, 'get'> }): EmailComposer =>
  async (entry) => {
    const { id, recipient: n } = recipientOf(entry.recipientRef);
    const record = await deps.handovers.get(id);
    const p = record?.person;
    if (!record || !p || record.status === 'withdrawn') return { skip: 'erased' };
    if (!record.consent.shareWithKommune) return { skip: 'no-kommune-consent' };
    const recipient = kommuneRecipientsOf(record)[n];
    if (!recipient) return { skip: 'no-kommune-consent' };
    // Corrected to another kommune before this went out: the new kommune's caseworker gets their own.
    if (recipient.kommuneCode !== record.kommuneCode) return { skip: 'moved' };
    const rows: [string, string | undefined][] = [
      ['Navn', p.name],
      ['Telefon', p.phone],
      ['E-mail', p.email],
      ['Fødselsår / alder', p.birthYear?.toString() ?? (p.age !== undefined ? `${p.age} år` : undefined)],
      ['Nationalitet', p.nationality],
      ['Sprog', languagesText(p)],
      ['Dansk / engelsk', languageLevelsText(p)],
      ['Husstand', householdText(p)],
      ['Forventet flyttedato', danishDate(p.expectedMovingDate)],
      ['Ny adresse', p.newAddress],
      ['Ønsker hjælp til', p.helpWith.map((h) => helpNames[h]).join(', ')],
      ['Ønske til venens køn', genderPreferenceLabels[p.preferredVolunteerGender]],
      ['Fra', `${centreName(record.centreId)}, samtale ${danishDate(record.interviewDate)}`],
      [
        'Samtykke',
        `Deling med kommunen${record.consent.shareWithVolunteers ? ' og med en frivillig ven' : ''} (information version ${record.consent.noticeVersion})`,
      ],
      ['Venner-reference', referenceOf(record.id)],
    ];
    return renderStaffEmail({
      to: recipient.email,
      subject: `Ny borger til ${kommuneNameOf(record.kommuneCode)} fra asylcenter: tilbud om en frivillig ven`,
      intro: greeting(recipient.name),
      lead: `En flygtning, der flytter til ${kommuneNameOf(record.kommuneCode)}, har ved overdragelsessamtalen sagt ja til en frivillig ven og givet samtykke til, at kommunen får disse oplysninger. Kommunen får dem automatisk fra Venner.`,
      rows: rows.filter((row): row is [string, string] => Boolean(row[1])),
      after:
        'Oplysningerne er fortrolige. Venner giver besked, hvis samtykket trækkes tilbage. Svar ikke på denne e-mail; kontakt asylcentret ved spørgsmål.',
    });
  };

/**
 * Tells the kommune that a refugee withdrew their consent, so the details it received must be
 * deleted. The refugee's details are already erased: the email names only the reference, the
 * centre and the interview date from the first email, and gives no reason.
 */
export const kommuneWithdrawalComposer =
  (deps: { handovers: Pick<HandoverStore, 'get'> }): EmailComposer =>
  async (entry) => {
    const { id, recipient: n } = recipientOf(entry.recipientRef);
    const record = await deps.handovers.get(id);
    const recipient = record && kommuneRecipientsOf(record)[n];
    if (!record || !recipient) return { skip: 'no-kommune-contact' };
    return renderStaffEmail({
      to: recipient.email,
      subject: `Samtykke trukket tilbage: Venner-reference ${referenceOf(record.id)}`,
      intro: greeting(recipient.name),
      lead: 'En flygtning, som kommunen har fået oplysninger om fra Venner, har trukket sit samtykke tilbage. Kontakten gennem Venner er ophørt. Slet venligst de oplysninger, kommunen fik fra Venner om denne person.',
      rows: [
        ['Venner-reference', referenceOf(record.id)],
        ['Fra', `${centreName(record.centreId)}, samtale ${danishDate(record.interviewDate)}`],
        ['Modtagende kommune', kommuneNameOf(recipient.kommuneCode)],
      ],
      after: 'Venner har slettet alle personoplysninger om personen. Svar ikke på denne e-mail.',
    });
  };

/**
 * Tells a kommune whose caseworker was sent a refugee's details that the refugee moves to another
 * kommune after all (the receiving kommune was corrected): delete what you got. Nothing about the
 * person or where they go: only the reference and the handover it came from.
 */
export const kommuneMovedComposer =
  (deps: { handovers: Pick<HandoverStore, 'get'> }): EmailComposer =>
  async (entry) => {
    const { id, recipient: n } = recipientOf(entry.recipientRef);
    const record = await deps.handovers.get(id);
    const recipient = record && kommuneRecipientsOf(record)[n];
    if (!record || !recipient) return { skip: 'no-kommune-contact' };
    if (recipient.kommuneCode === record.kommuneCode) return { skip: 'not-moved' };
    return renderStaffEmail({
      to: recipient.email,
      subject: `Flytter ikke til ${kommuneNameOf(recipient.kommuneCode)}: Venner-reference ${referenceOf(record.id)}`,
      intro: greeting(recipient.name),
      lead: `Kommunen fik oplysninger fra Venner om en flygtning, der skulle flytte til ${kommuneNameOf(recipient.kommuneCode)}. Asylcentret har rettet den modtagende kommune: personen flytter til en anden kommune. Slet venligst de oplysninger, kommunen fik fra Venner om denne person.`,
      rows: [
        ['Venner-reference', referenceOf(record.id)],
        ['Fra', `${centreName(record.centreId)}, samtale ${danishDate(record.interviewDate)}`],
      ],
      after: 'Venner sender ikke flere oplysninger om personen til jeres kommune. Svar ikke på denne e-mail.',
    });
  };
