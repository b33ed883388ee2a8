import { lazy } from '../../shared/lazy.ts';
import type { EmailComposer } from '../domain/email-delivery.ts';
import { decideDigestEmail, type KommuneDigest } from '../domain/kommune-digest.ts';
import { kommuneOfficialName } from '../domain/reference-kommuner.ts';
import { countOf } from '../web/plural.ts';
import { renderStaffEmail } from './layout.tsx';

/** The weekly digest's text: the domain builds the week's figures (kommune-digest.ts). */

const dateText = lazy(
  () =>
    new Intl.DateTimeFormat('da-DK', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Copenhagen',
    }),
);
const shortDate = lazy(
  () =>
    new Intl.DateTimeFormat('da-DK', {
      day: 'numeric',
      month: 'numeric',
      timeZone: 'Europe/Copenhagen',
    }),
);

/** The period's last day: the digest runs up to the Monday's midnight. */
const periodText = (digest: KommuneDigest) =>
  `${dateText().format(new Date(digest.since))} – ${dateText().format(new Date(Date.parse(digest.until) - 1))}`;

/** The digest's figures; a short digest (a quiet week) leaves out the line per waiting refugee. */
const digestRows = (digest: KommuneDigest): [string, string][] => [
  ['Nye flygtninge i perioden, som må deles med kommunen', String(digest.newArrivals.length)],
  ...digest.newArrivals.map((a): [string, string] => [
    `Ny: reference ${a.reference}`,
    `${a.name ?? 'oplysningerne er slettet'}, registreret ${shortDate().format(new Date(a.recordedAt))}`,
  ]),
  ['Venter på en ven', String(digest.waiting.length)],
  ...(digest.quiet ? [] : digest.waiting).map((w): [string, string] => [
    `Venter: reference ${w.reference}`,
    `${w.name ? `${w.name}, ` : ''}${countOf(w.daysWaiting, 'dag', 'dage')}`,
  ]),
  ['Match indgået i perioden', String(digest.matchesMade)],
  ['Aktive match', String(digest.activeMatches)],
  ['Ledige frivillige', String(digest.availableVolunteers)],
  ['Frivillige, der mangler', String(digest.gap)],
];

/** The outbox sender's composer of digests: the domain decides and builds, this renders. */
export const kommuneDigestComposer =
  (deps: Parameters<typeof decideDigestEmail>[0] & { readonly baseUrl: string }): EmailComposer =>
  async (entry, now) => {
    const letter = await decideDigestEmail(deps, entry, now);
    if ('skip' in letter) return letter;
    const { contact, kommune, digest } = letter;
    const publicPage = `${deps.baseUrl}/mangler-frivillige`;
    return renderStaffEmail({
      to: contact.email,
      subject: `Venner: ugens oversigt for ${kommune.name} (${digest.week.replace('-W', ', uge ')})`,
      intro: `Til ${kommuneOfficialName(kommune.code)}`,
      lead: digest.quiet
        ? `Intet nyt i perioden ${periodText(digest)}: ingen nye flygtninge og ingen nye match. Her er tallene, som de er nu.`
        : `Her er, hvad der er sket i perioden ${periodText(digest)}, og hvordan det står nu.`,
      rows: digestRows(digest),
      after: `Se alle kommuners tal på ${publicPage}. Ønsker I ikke længere disse e-mails, så skriv til sekretariatet.`,
    });
  };
