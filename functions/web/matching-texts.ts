import { checkInById } from '../../shared/check-in-schedule.ts';
import type { ClosureParty } from '../../shared/matching-contract.ts';
import type { EndReason, FollowUp, FollowUpAnswer, Match, MatchStatus, Milestone } from '../domain/match.ts';
import type { Reason, ReasonCode } from '../domain/match-scoring.ts';
import { helpNames, languageNames } from './handover-texts.ts';

/** The Danish words for the matching: reasons, statuses, end reasons, follow-up answers. */

const list = (values: readonly string[] | undefined, names: Record<string, string>) =>
  (values ?? []).map((v) => (names[v] ?? v).toLowerCase()).join(', ');

const genderWord: Record<string, string> = { woman: 'en kvinde', man: 'en mand' };

const reasonTexts: Record<ReasonCode, (about?: readonly string[]) => string> = {
  'shared-language': (about) => `Fælles sprog: ${list(about, languageNames)}`,
  'shared-english': () => 'Kan tale engelsk sammen',
  'shared-danish': () => 'Kan tale dansk sammen',
  'no-shared-language': () => 'Intet fælles sprog (tolk eller enkelt dansk)',
  'family-for-family': () => 'Venskabsfamilie til en familie',
  'friend-for-single': () => 'En ven til en, der bor alene',
  'household-mismatch': () => 'Ven og husstand passer ikke sammen (ven/familie)',
  'children-both': () => 'Børn i begge familier',
  'gender-as-wished': (about) => `Som ønsket: ${genderWord[about?.[0] ?? ''] ?? 'køn'}`,
  'gender-not-as-wished': (about) => `Ønsker ${genderWord[about?.[0] ?? ''] ?? 'et andet køn'} som ven`,
  'gender-unknown': (about) =>
    `Ønsker ${genderWord[about?.[0] ?? ''] ?? 'et bestemt køn'}; den frivilliges køn er ikke oplyst`,
  'help-offered': (about) => `Kan hjælpe med: ${list(about, helpNames)}`,
  'same-postal-code': (about) => `Samme postnummer (${about?.[0] ?? ''})`,
  'near-postal-code': (about) => `Bor tæt på (postnummer ${about?.[0] ?? ''} og ${about?.[1] ?? ''})`,
  'first-friend': () => 'Har ingen ven gennem Venner endnu',
  'room-for-more': () => 'Har plads til flere',
  'waiting-volunteer': (about) => `Har ventet på en ven i ${about?.[0] ?? ''} uger`,
};

export const reasonText = (reason: Reason): string => reasonTexts[reason.code](reason.about);

export const matchStatusLabels: Record<MatchStatus, string> = {
  proposed: 'Foreslået – venter på svar',
  active: 'Aktiv',
  paused: 'På pause',
  declined: 'Afslået af den frivillige',
  cancelled: 'Forslag trukket tilbage',
  lapsed: 'Forslaget udløb uden svar',
  ended: 'Afsluttet',
};

export const endReasonLabels: Record<EndReason, string> = {
  completed: 'Forløbet er gennemført som aftalt',
  'moved-away': 'Flyttet',
  'no-contact': 'Ingen kontakt',
  other: 'Andet',
  moved: 'Flyttet',
  'no-time': 'Har ikke tid længere',
  'no-longer-needs': 'Har ikke længere brug for en ven',
  'did-not-fit': 'Det passede ikke sammen',
  'consent-withdrawn': 'Samtykket er trukket tilbage',
  'volunteer-left': 'Den frivillige har forladt Venner',
};

export const followUpAnswerLabels: Record<FollowUpAnswer, string> = {
  'meeting-regularly': 'Vi ses jævnligt, og det går godt',
  'something-difficult': 'Vi ses, men noget er svært',
  'lost-contact': 'Vi har mistet kontakten',
  ended: 'Vi er holdt op med at ses',
};

/** The same answers to a volunteer who reads English: the follow-up email and its confirm page. */
export const englishFollowUpAnswerLabels: Record<FollowUpAnswer, string> = {
  'meeting-regularly': 'We meet regularly, and it goes well',
  'something-difficult': 'We meet, but something is difficult',
  'lost-contact': 'We have lost contact',
  ended: 'We have stopped seeing each other',
};

/** A check-in's name ("2 uger", "9 måneder"), from the check-in schedule. */
export const milestoneLabel = (id: Milestone): string => {
  const [n, unit] = id.split('-');
  return `${n} ${unit === 'weeks' ? 'uger' : 'måneder'}`;
};

/** The check-ins a match was sent, in the schedule's order. */
export const checkInsSent = (m: Pick<Match, 'followUps'>): [Milestone, FollowUp][] =>
  (Object.entries(m.followUps) as [Milestone, FollowUp | undefined][])
    .filter((entry): entry is [Milestone, FollowUp] => entry[1] !== undefined)
    .sort(([a], [b]) => (checkInById(a)?.days ?? 0) - (checkInById(b)?.days ?? 0));

/** "2 uger: vi ses jævnligt; 6 uger: intet svar endnu" — the check-ins asked so far. */
export const followUpState = (m: Pick<Match, 'followUps'>): string =>
  checkInsSent(m)
    .map(
      ([id, f]) =>
        `${milestoneLabel(id)}: ${f.answer ? followUpAnswerLabels[f.answer].toLowerCase() : 'intet svar endnu'}`,
    )
    .join('; ') || '–';

/** An early closure's figures key (`volunteer:no-time`) in words: "Den frivillige: har ikke tid længere". */
export const earlyClosureText = (key: string): string => {
  const [party, reason] = key.split(':') as [ClosureParty, EndReason];
  return `${closurePartyLabels[party] ?? party}: ${(endReasonLabels[reason] ?? reason).toLowerCase()}`;
};

/** Who ended a match, as the closure form and the match page say it. */
export const closurePartyLabels: Record<ClosureParty, string> = {
  volunteer: 'Den frivillige',
  refugee: 'Flygtningen',
  both: 'Begge (efter aftale)',
};
