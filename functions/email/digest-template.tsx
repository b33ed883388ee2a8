import { renderToString } from 'preact-render-to-string';
import { lazy } from '../../shared/lazy.ts';
import { checkInAnswers } from '../../shared/matching-contract.ts';
import { groupOfferLabels } from '../../shared/organisations-contract.ts';
import { oneLine } from '../../shared/text-rules.ts';
import { digestSettingsLink } from '../domain/digest-settings.ts';
import type { EmailComposer } from '../domain/email-delivery.ts';
import { type DigestPerson, decideDigestEmail, type KommuneDigest } from '../domain/kommune-digest.ts';
import type { PublicGroup } from '../domain/organisations.ts';
import { kommuneOfficialName } from '../domain/reference-kommuner.ts';
import type { TokenStore } from '../domain/tokens.ts';
import { danishDate, phoneText } from '../web/handover-texts.ts';
import { earlyClosureText, followUpAnswerLabels } from '../web/matching-texts.ts';
import { countOf } from '../web/plural.ts';
import { Button, type EmailButton, wrap } from './layout.tsx';

/**
 * The weekly digest's text: the domain builds the week's figures and people (kommune-digest.ts).
 * One compact table lists each person once (new this week or still waiting), then the kommune's
 * coordinators, what the kommune can do, and a link to change or stop the digest.
 */

const shortDate = lazy(
  () => new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
);

/** The period's last day: the digest runs up to the Monday's midnight. */
const periodText = (digest: KommuneDigest) =>
  `${danishDate(digest.since)} – ${danishDate(new Date(Date.parse(digest.until) - 1).toISOString())}`;

const statusWords: Record<string, string> = {
  waiting: 'Venter på en ven',
  proposed: 'En ven er foreslået',
  matched: 'Har fået en ven',
  ended: 'Forløbet er slut',
};

const householdOf = (p: DigestPerson) =>
  p.adults === undefined
    ? '–'
    : `${countOf(p.adults, 'voksen', 'voksne')}${p.children ? `, ${countOf(p.children, 'barn', 'børn')}` : ''}`;

/** The columns of the table: what the kommune may know of each person (name only with consent). */
const columns = (p: DigestPerson): [string, string, string, string, string] => [
  p.name ?? 'Navn ikke delt med kommunen',
  householdOf(p),
  p.movingDate ? shortDate().format(new Date(`${p.movingDate}T12:00:00Z`)) : '–',
  p.daysWaiting === undefined ? '–' : countOf(p.daysWaiting, 'dag', 'dage'),
  `${p.isNew ? 'Ny · ' : ''}${statusWords[p.status] ?? p.status}`,
];

/** What a person's line says on a phone: empty facts left out, "venter" said once. */
const phoneFacts = (p: DigestPerson): string[] => [
  ...(p.adults === undefined ? [] : [householdOf(p)]),
  ...(p.movingDate ? [`flytter ${shortDate().format(new Date(`${p.movingDate}T12:00:00Z`))}`] : []),
  p.status === 'waiting'
    ? `${p.isNew ? 'ny, ' : ''}${p.daysWaiting === undefined ? 'venter, når de er flyttet' : `venter ${countOf(p.daysWaiting, 'dag', 'dage')}`}`
    : `${p.isNew ? 'ny, ' : ''}${(statusWords[p.status] ?? p.status).toLowerCase()}`,
];

const headings = ['Navn', 'Husstand', 'Flytter', 'Venter', 'Status'] as const;

/**
 * Below 480 px a person is two short lines: the name (and reference), then "2 voksne, 2 børn ·
 * flytter 15. dec. · venter 6 dage"; the wide table's other columns are hidden.
 */
const phoneStyle = `.digest-phone{display:none}
@media screen and (max-width:480px){
.digest-head,.digest-wide{display:none}
.digest-person,.digest-person td.digest-name{display:block;padding:2px 0!important;line-height:1.3}
.digest-person{border-bottom:1px solid #e0e0e0}
.digest-person td.digest-name{border-bottom:none!important}
.digest-phone{display:block;font-size:13px}
}`;

const figureRows = (digest: KommuneDigest): [string, string][] => [
  ['Nye borgere i perioden', String(digest.newArrivals.length)],
  ['Venter på en ven', String(digest.waiting.length)],
  ['Match indgået i perioden', String(digest.matchesMade)],
  ['Aktive venskaber', String(digest.activeMatches)],
  ['Ledige frivillige', String(digest.availableVolunteers)],
  ['Frivillige, der mangler', String(digest.gap)],
  ...outcomeRows(digest),
];

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The friendships of the last twelve months: six months reached, early closures and why, meetings, check-ins. */
const outcomeRows = (digest: KommuneDigest): [string, string][] => {
  const o = digest.outcomes;
  if (!o || o.shareReachedSixMonths === undefined || o.earlyClosureRate === undefined) return [];
  const known = o.reachedSixMonths + o.endedEarly;
  const [topReason] = Object.entries(o.earlyReasons).sort((a, b) => b[1] - a[1]);
  const answers = checkInAnswers
    .map((a) => [followUpAnswerLabels[a].toLowerCase(), o.checkInAnswers[a] ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} „${label}“`);
  return [
    [
      'Venskaber, der nåede et halvt år (12 mdr.)',
      `${percent(o.shareReachedSixMonths)} (${o.reachedSixMonths} af ${known})`,
    ],
    ['Sluttede før et halvt år (i mentorprogrammer 30–38 %)', percent(o.earlyClosureRate)],
    ...(topReason
      ? [['Hyppigste grund til en tidlig afslutning', earlyClosureText(topReason[0])] as [string, string]]
      : []),
    ...(o.medianMeetingsPerMonth !== undefined
      ? [['Møder pr. måned (median)', String(o.medianMeetingsPerMonth).replace('.', ',')] as [string, string]]
      : []),
    ...(answers.length ? [['Svar på check-ins', answers.join(', ')] as [string, string]] : []),
  ];
};

const nextSteps = (digest: KommuneDigest, publicPage: string): string[] => [
  'Fortæl nye borgere, at de kan få en frivillig ven: det er gratis, frivilligt, og de kan sige nej når som helst.',
  digest.gap > 0
    ? `Der mangler ${countOf(digest.gap, 'frivillig', 'frivillige')}. Del siden om frivillige i kommunens kanaler (nyhedsbrev, hjemmeside, sociale medier): ${publicPage}`
    : `Del gerne siden om frivillige i kommunens kanaler, så der også er frivillige næste gang: ${publicPage}`,
  'Har en borger brug for noget særligt, eller flytter nogen ikke alligevel, så skriv til koordinatoren.',
];

export const renderDigest = (
  digest: KommuneDigest,
  urls: { publicPage: string; settings: string },
): { subject: string; html: string; text: string } => {
  const kommune = kommuneOfficialName(digest.kommuneCode);
  const subject = `Venner: ugens oversigt for ${kommune} (${digest.week.replace(/^(\d+)-W(\d+)$/, 'uge $2, $1')})`;
  const lead = digest.quiet
    ? `Intet nyt i perioden ${periodText(digest)}: ingen nye borgere og ingen nye venskaber. Her er tallene, som de er nu.`
    : `Her er, hvad der er sket i perioden ${periodText(digest)}, og hvordan det står nu.`;
  const people = digest.quiet ? [] : digest.people;
  const buttons: EmailButton[] = [
    { label: 'Se tallene for alle kommuner', url: urls.publicPage },
    { label: 'Skift eller stop ugebrevet', url: urls.settings },
  ];
  const cell = 'padding:6px 8px 6px 0;vertical-align:top;border-bottom:1px solid #e0e0e0';
  const html = `<!DOCTYPE html>${renderToString(
    <html lang="da">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{subject}</title>
        {/* On a phone each person is a block of short lines instead of five narrow columns. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet, no data in it */}
        <style dangerouslySetInnerHTML={{ __html: phoneStyle }} />
      </head>
      <body
        style={`margin:0;padding:12px;background:#f5f5f5;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.4;${wrap}`}
      >
        <div style="max-width:680px;margin:0 auto;background:#ffffff;padding:20px;border-top:4px solid #c8102e">
          <p>Til {kommune}</p>
          <p>{lead}</p>
          <table style="border-collapse:collapse;width:100%;margin-bottom:16px">
            {figureRows(digest).map(([term, value]) => (
              <tr key={term}>
                <th style={`${cell};text-align:left;font-weight:normal`}>{term}</th>
                <td style={`${cell};text-align:right;font-weight:bold`}>{value}</td>
              </tr>
            ))}
          </table>
          {people.length ? (
            <>
              <h2 style="font-size:18px;margin:16px 0 8px">
                Borgere, der er nye eller venter ({people.length})
              </h2>
              <table style="border-collapse:collapse;width:100%;font-size:14px">
                <tr class="digest-head">
                  {headings.map((h) => (
                    <th key={h} style={`${cell};text-align:left`}>
                      {h}
                    </th>
                  ))}
                </tr>
                {people.map((p) => (
                  <tr key={p.reference} class="digest-person">
                    {columns(p).map((value, i) =>
                      i === 0 ? (
                        <td key={headings[i]} style={cell} class="digest-name">
                          <strong>{value}</strong>
                          <span style="font-size:12px;color:#595959"> {p.reference}</span>
                          <span class="digest-phone">{phoneFacts(p).join(' · ')}</span>
                        </td>
                      ) : (
                        <td key={headings[i]} style={cell} class="digest-wide">
                          {value}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </table>
            </>
          ) : null}
          <h2 style="font-size:18px;margin:16px 0 8px">Lokale frivilliggrupper i kommunen</h2>
          {digest.groups.length ? (
            <ul style="padding-left:20px;margin:0">
              {digest.groups.map((g) => (
                <li key={g.id}>
                  <strong>{g.name}</strong> ({g.organisation}): {offersOf(g)}.{' '}
                  <a href={`mailto:${g.email}`}>{g.email}</a>
                  {g.phone ? `, ${phoneText(g.phone)}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>Ingen lokal gruppe er aktiv i kommunen endnu; sekretariatet arbejder på at få en i gang.</p>
          )}
          <h2 style="font-size:18px;margin:16px 0 8px">Jeres koordinatorer</h2>
          {digest.coordinators.length ? (
            <ul style="padding-left:20px;margin:0">
              {digest.coordinators.map((c) => (
                <li key={c.email}>
                  {c.name ? `${c.name}: ` : ''}
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>Kommunen har ingen koordinator lige nu; sekretariatet finder en, og I hører fra dem.</p>
          )}
          <h2 style="font-size:18px;margin:16px 0 8px">Det kan kommunen gøre</h2>
          <ul style="padding-left:20px;margin:0 0 16px">
            {nextSteps(digest, urls.publicPage).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <p>
            {buttons.map((button, i) => (
              <Button key={button.url} button={button} primary={i === 0} />
            ))}
          </p>
          <p style="font-size:13px;color:#454545">
            Oplysningerne er fortrolige og må kun bruges til kommunens arbejde med borgeren. Svar ikke på
            denne e-mail; skriv til koordinatoren.
          </p>
        </div>
      </body>
    </html>,
  )}`;
  const text = [
    `Til ${kommune}`,
    '',
    oneLine(lead),
    '',
    ...figureRows(digest).map(([term, value]) => `${term}: ${value}`),
    '',
    ...(people.length
      ? [
          `Borgere, der er nye eller venter (${people.length}):`,
          ...people.map((p) => `- ${columns(p).map(oneLine).join(' · ')} (${p.reference})`),
          '',
        ]
      : []),
    'Lokale frivilliggrupper i kommunen:',
    ...(digest.groups.length
      ? digest.groups.map(
          (g) =>
            `- ${oneLine(g.name)} (${oneLine(g.organisation)}): ${offersOf(g)}. ${g.email}${g.phone ? `, ${phoneText(g.phone)}` : ''}`,
        )
      : ['- Ingen lokal gruppe er aktiv i kommunen endnu.']),
    '',
    'Jeres koordinatorer:',
    ...(digest.coordinators.length
      ? digest.coordinators.map((c) => `- ${c.name ? `${oneLine(c.name)}: ` : ''}${c.email}`)
      : ['- Kommunen har ingen koordinator lige nu; sekretariatet finder en.']),
    '',
    'Det kan kommunen gøre:',
    ...nextSteps(digest, urls.publicPage).map((step) => `- ${step}`),
    '',
    ...buttons.map((b) => `${b.label}: ${b.url}`),
    '',
    'Oplysningerne er fortrolige. Svar ikke på denne e-mail; skriv til koordinatoren.',
  ].join('\n');
  return { subject, html, text };
};

/** What a group offers, in the digest's words ("venner, sprogcafé"). */
const offersOf = (group: PublicGroup) =>
  group.offers.map((o) => groupOfferLabels[o].da.toLowerCase()).join(', ');

/** The outbox sender's composer of digests: the domain decides and builds, this renders. */
export const kommuneDigestComposer =
  (
    deps: Parameters<typeof decideDigestEmail>[0] & {
      readonly baseUrl: string;
      readonly tokens: Pick<TokenStore, 'put'>;
    },
  ): EmailComposer =>
  async (entry, now) => {
    const letter = await decideDigestEmail(deps, entry, now);
    if ('skip' in letter) return letter;
    const { contact, digest } = letter;
    const token = await digestSettingsLink(deps.tokens, contact, now);
    return {
      to: contact.email,
      ...renderDigest(digest, {
        publicPage: `${deps.baseUrl}/mangler-frivillige`,
        settings: `${deps.baseUrl}/ugebrev?token=${token}`,
      }),
    };
  };
