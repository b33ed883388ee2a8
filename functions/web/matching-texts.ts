import type { EndReason, FollowUpAnswer, MatchStatus, Milestone } from '../domain/match.ts';
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
  completed: 'Forløbet er gennemført',
  'moved-away': 'Flyttet',
  'no-contact': 'Ingen kontakt',
  other: 'Andet',
  'consent-withdrawn': 'Samtykket er trukket tilbage',
  'volunteer-left': 'Den frivillige har forladt Venner',
};

export const followUpAnswerLabels: Record<FollowUpAnswer, string> = {
  'meeting-regularly': 'Vi ses jævnligt, og det går godt',
  'something-difficult': 'Vi ses, men noget er svært',
  'lost-contact': 'Vi har mistet kontakten',
};

/** The same answers to a volunteer who reads English: the follow-up email and its confirm page. */
export const englishFollowUpAnswerLabels: Record<FollowUpAnswer, string> = {
  'meeting-regularly': 'We meet regularly, and it goes well',
  'something-difficult': 'We meet, but something is difficult',
  'lost-contact': 'We have lost contact',
};

export const milestoneLabels: Record<Milestone, string> = {
  '6-weeks': '6 uger',
  '6-months': '6 måneder',
};
