import { centreName } from '../../shared/asylum-centres.ts';
import type { EmailComposer } from '../domain/email-delivery.ts';
import { referenceOf } from '../domain/handover.ts';
import {
  decideKommuneHandover,
  decideKommuneMoved,
  decideKommuneWithdrawal,
} from '../domain/kommune-emails.ts';
import {
  danishDate,
  genderPreferenceLabels,
  helpNames,
  householdText,
  kommuneNameOf,
  languageLevelsText,
  languagesText,
  phoneText,
} from '../web/handover-texts.ts';
import { renderStaffEmail } from './layout.tsx';

/** The kommune caseworker's emails about one refugee (the domain decides who gets which: kommune-emails.ts). */

type KommuneEmailDeps = Parameters<typeof decideKommuneHandover>[0];

const greeting = (name?: string) => (name ? `Kære ${name}` : 'Til kommunens sagsbehandler');

/**
 * The email the receiving kommune's caseworker gets when a refugee consented to sharing with the
 * kommune: the consented details, composed when it is sent. A record withdrawn (erased) before
 * then, or whose consent does not cover the kommune, sends nothing.
 */
export const kommuneHandoverComposer =
  (deps: KommuneEmailDeps): EmailComposer =>
  async (entry) => {
    const letter = await decideKommuneHandover(deps, entry);
    if ('skip' in letter) return letter;
    const { record, recipient, person: p } = letter;
    const rows: [string, string | undefined][] = [
      ['Navn', p.name],
      ['Telefon', phoneText(p.phone)],
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
  (deps: KommuneEmailDeps): EmailComposer =>
  async (entry) => {
    const letter = await decideKommuneWithdrawal(deps, entry);
    if ('skip' in letter) return letter;
    const { record, recipient } = letter;
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
  (deps: KommuneEmailDeps): EmailComposer =>
  async (entry) => {
    const letter = await decideKommuneMoved(deps, entry);
    if ('skip' in letter) return letter;
    const { record, recipient } = letter;
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
