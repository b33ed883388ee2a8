import { helpOptions, languageOptions } from '../../shared/volunteer-contract.ts';
import { copenhagenDate } from './danish-time.ts';
import type { HandoverRecord, PersonDetails } from './handover.ts';
import { isAvailable, type Volunteer } from './volunteer.ts';
import {
  certificateState,
  hasYoungChildren,
  missingBeforeMatch,
  needsChildCertificate,
} from './volunteer-readiness.ts';

/**
 * How well a volunteer suits a waiting refugee. Hard rules decide who may be suggested at all and
 * are never broken; the rest is a plain score made of named parts, so the coordinator sees why a
 * volunteer ranks where they do and can choose someone else. The pages word each part in Danish
 * (`functions/web/matching-texts.ts`); the parts themselves are codes with their points.
 *
 * Profiles are compacted once (languages and help as bit masks), so scoring every pair of a large
 * kommune for the plan costs a few integer operations per pair.
 */

export type Language = (typeof languageOptions)[number];
export type Help = (typeof helpOptions)[number];

export type ReasonCode =
  | 'shared-language'
  | 'shared-english'
  | 'shared-danish'
  | 'no-shared-language'
  | 'family-for-family'
  | 'friend-for-single'
  | 'household-mismatch'
  | 'children-both'
  | 'gender-as-wished'
  | 'gender-not-as-wished'
  | 'gender-unknown'
  | 'help-offered'
  | 'same-postal-code'
  | 'near-postal-code'
  | 'first-friend'
  | 'room-for-more'
  | 'waiting-volunteer';

export interface Reason {
  readonly code: ReasonCode;
  readonly points: number;
  /** Option codes the reason is about (the shared languages, the help offered, postal codes). */
  readonly about?: readonly string[];
}

/** Points per part. Positive parts add up; a wish not met subtracts, so it shows but does not forbid. */
export const points = {
  base: 10,
  sharedLanguage: 30,
  sharedEnglish: 15,
  sharedDanish: 10,
  noSharedLanguage: -20,
  familyForFamily: 25,
  friendForSingle: 20,
  householdMismatch: -10,
  childrenBoth: 5,
  genderAsWished: 15,
  genderNotAsWished: -40,
  genderUnknown: -10,
  helpPerItem: 8,
  samePostalCode: 15,
  nearPostalCode: 8,
  firstFriend: 10,
  roomForMore: 3,
  /** Per two weeks a confirmed volunteer has waited for a friend, at most `maxWaitingPoints`. */
  waitingPerFortnight: 1,
  maxWaitingPoints: 10,
} as const;

/** Postal codes this close (numerically) count as near: Danish codes run roughly by area. */
export const nearPostalDistance = 10;

const languageBit = new Map(languageOptions.map((language, i) => [language, 1 << i]));
const helpBit = new Map(helpOptions.map((help, i) => [help, 1 << i]));
const danishBit = languageBit.get('danish') ?? 0;
const englishBit = languageBit.get('english') ?? 0;

const maskOf = <T extends string>(values: readonly T[], bits: Map<T, number>) =>
  values.reduce((mask, value) => mask | (bits.get(value) ?? 0), 0);
const valuesOf = <T extends string>(mask: number, options: readonly T[]) =>
  options.filter((_, i) => mask & (1 << i));

/** A 4-digit postal code in the refugee's new address, when the caseworker wrote one. */
export const postalCodeIn = (address: string | undefined): number | undefined => {
  const found = address ? /(?<!\d)([1-9]\d{3})(?!\d)/.exec(address) : null;
  return found ? Number(found[1]) : undefined;
};

export interface RefugeeProfile {
  readonly id: string;
  readonly kommuneCode: string;
  /** Languages spoken, with Danish and English only when spoken well enough to talk. */
  readonly languages: number;
  readonly family: boolean;
  readonly hasChildren: boolean;
  readonly wantsGender?: 'woman' | 'man';
  readonly help: number;
  readonly postalCode?: number;
  /** Children under the børneattest age in the household (a volunteer needs an approved børneattest). */
  readonly youngChildren: boolean;
  /** Hard rules on the refugee's side: consented to volunteers, has details, still waiting. */
  readonly matchable: boolean;
}

export interface VolunteerProfile {
  readonly id: string;
  readonly kommuneCode: string;
  readonly languages: number;
  readonly family: boolean;
  readonly hasChildren: boolean;
  readonly gender?: string;
  readonly help: number;
  readonly postalCode: number;
  readonly spare: number;
  readonly activeMatches: number;
  /** Whole fortnights since the volunteer confirmed (for "has waited for a friend"). */
  readonly fortnightsWaiting: number;
  /** Hard rules on the volunteer's side: confirmed, not paused, ready, room for one more. */
  readonly matchable: boolean;
  /** Introduced, declaration accepted (and whatever else the organisation asks before a first match). */
  readonly screened: boolean;
  /** An approved børneattest that has not run out. */
  readonly childCertificate: boolean;
  /** A friend family whose organisation asks a børneattest of every family. */
  readonly certificateAlways: boolean;
}

const talks = (level: string) => level === 'good' || level === 'fluent';

export const refugeeProfile = (
  record: Pick<HandoverRecord, 'id' | 'kommuneCode' | 'status' | 'consent'> & { person?: PersonDetails },
): RefugeeProfile => {
  const p = record.person;
  let languages = p ? maskOf(p.languages, languageBit) : 0;
  if (p && talks(p.danishLevel)) languages |= danishBit;
  if (p && talks(p.englishLevel)) languages |= englishBit;
  return {
    id: record.id,
    kommuneCode: record.kommuneCode,
    languages,
    family: p?.household === 'family',
    hasChildren: (p?.childrenAges.length ?? 0) > 0,
    wantsGender:
      p?.preferredVolunteerGender === 'woman' || p?.preferredVolunteerGender === 'man'
        ? p.preferredVolunteerGender
        : undefined,
    help: p ? maskOf(p.helpWith, helpBit) : 0,
    postalCode: postalCodeIn(p?.newAddress),
    youngChildren: hasYoungChildren(p?.childrenAges ?? []),
    matchable: Boolean(p) && record.consent.shareWithVolunteers && record.status === 'waiting',
  };
};

const fortnight = 14 * 24 * 3600 * 1000;

export const volunteerProfile = (v: Volunteer, now: Date): VolunteerProfile => ({
  id: v.id,
  kommuneCode: v.kommuneCode,
  languages: maskOf(v.languages, languageBit),
  family: v.kind === 'family',
  hasChildren: (v.children ?? 0) > 0,
  gender: v.gender,
  help: maskOf(v.helpWith, helpBit),
  postalCode: Number(v.postalCode),
  spare: Math.max(0, v.capacity - v.activeMatches),
  activeMatches: v.activeMatches,
  fortnightsWaiting:
    v.activeMatches === 0 && v.confirmedAt
      ? Math.max(0, Math.floor((now.getTime() - Date.parse(v.confirmedAt)) / fortnight))
      : 0,
  matchable: isAvailable(v),
  screened: missingBeforeMatch(v).length === 0,
  childCertificate: certificateState(v, copenhagenDate(now)) === 'valid',
  certificateAlways: needsChildCertificate(v, false),
});

/** Whether the volunteer has done what the household needs of them (their organisation's rules). */
export const readyFor = (r: Pick<RefugeeProfile, 'youngChildren'>, v: VolunteerProfile): boolean =>
  v.screened && (v.childCertificate || !(r.youngChildren || v.certificateAlways));

/** The hard rules: never broken, whatever the score. */
export const mayMatch = (r: RefugeeProfile, v: VolunteerProfile): boolean =>
  r.matchable && v.matchable && v.spare > 0 && r.kommuneCode === v.kommuneCode && readyFor(r, v);

const bitCount = (mask: number) => {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
};

/**
 * The score of a pair the hard rules allow, and (when `explain` is given) each part of it. One
 * function for both, so the plan's numbers and the reasons shown can never disagree.
 */
const scoreParts = (r: RefugeeProfile, v: VolunteerProfile, explain?: Reason[]): number => {
  let total = points.base;
  const add = (code: ReasonCode, value: number, about?: () => readonly string[]) => {
    total += value;
    explain?.push(about ? { code, points: value, about: about() } : { code, points: value });
  };

  const shared = r.languages & v.languages;
  const sharedOther = shared & ~danishBit & ~englishBit;
  if (sharedOther)
    add('shared-language', points.sharedLanguage, () => valuesOf(sharedOther, languageOptions));
  if (shared & englishBit) add('shared-english', points.sharedEnglish);
  if (shared & danishBit) add('shared-danish', points.sharedDanish);
  if (!shared) add('no-shared-language', points.noSharedLanguage);

  if (r.family && v.family) add('family-for-family', points.familyForFamily);
  else if (!r.family && !v.family) add('friend-for-single', points.friendForSingle);
  else add('household-mismatch', points.householdMismatch);
  if (r.hasChildren && v.family && v.hasChildren) add('children-both', points.childrenBoth);

  if (r.wantsGender) {
    if (!v.gender) add('gender-unknown', points.genderUnknown, () => [r.wantsGender ?? '']);
    else if (v.gender === r.wantsGender)
      add('gender-as-wished', points.genderAsWished, () => [v.gender ?? '']);
    else add('gender-not-as-wished', points.genderNotAsWished, () => [r.wantsGender ?? '']);
  }

  const help = r.help & v.help;
  if (help) add('help-offered', points.helpPerItem * bitCount(help), () => valuesOf(help, helpOptions));

  if (r.postalCode !== undefined) {
    const distance = Math.abs(r.postalCode - v.postalCode);
    if (distance === 0) add('same-postal-code', points.samePostalCode, () => [String(v.postalCode)]);
    else if (distance <= nearPostalDistance)
      add('near-postal-code', points.nearPostalCode, () => [String(r.postalCode), String(v.postalCode)]);
  }

  if (v.activeMatches === 0) add('first-friend', points.firstFriend);
  if (v.spare >= 2) add('room-for-more', points.roomForMore);
  const waited = Math.min(points.maxWaitingPoints, v.fortnightsWaiting * points.waitingPerFortnight);
  if (waited > 0) add('waiting-volunteer', waited, () => [String(v.fortnightsWaiting * 2)]);
  return total;
};

/** The score of a pair, or undefined when a hard rule forbids it. */
export const scorePair = (r: RefugeeProfile, v: VolunteerProfile): number | undefined =>
  mayMatch(r, v) ? scoreParts(r, v) : undefined;

export interface Suggestion {
  readonly volunteerId: string;
  readonly score: number;
  readonly reasons: readonly Reason[];
}

/** One pair's score with its parts, for showing; undefined when a hard rule forbids it. */
export const explainPair = (r: RefugeeProfile, v: VolunteerProfile): Suggestion | undefined => {
  if (!mayMatch(r, v)) return undefined;
  const reasons: Reason[] = [];
  const score = scoreParts(r, v, reasons);
  return { volunteerId: v.id, score, reasons };
};

/**
 * The volunteers a refugee may be matched with, best first (ties: the one who has waited longest,
 * then by id, so the order is stable). Only the top `limit` get their reasons worked out.
 */
export const rankVolunteers = (
  r: RefugeeProfile,
  volunteers: readonly VolunteerProfile[],
  limit = 20,
): Suggestion[] => {
  const scored: { v: VolunteerProfile; score: number }[] = [];
  for (const v of volunteers) {
    const score = scorePair(r, v);
    if (score !== undefined) scored.push({ v, score });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.v.fortnightsWaiting - a.v.fortnightsWaiting ||
      (a.v.id < b.v.id ? -1 : a.v.id > b.v.id ? 1 : 0),
  );
  return scored.slice(0, limit).map(({ v }) => explainPair(r, v) as Suggestion);
};
