import { copenhagenDate } from './danish-time.ts';
import { type Actor, audited, type HandoverRecord } from './handover.ts';
import { missingVolunteers } from './kommune.ts';
import type { Match, MatchStatus } from './match.ts';
import { optimalPlan } from './match-plan.ts';
import { rankVolunteers, refugeeProfile, type Suggestion, volunteerProfile } from './match-scoring.ts';
import {
  assertCoordinates,
  coordinates,
  type MatchingDeps,
  matchableRecord,
  VolunteerNotFoundError,
} from './matching.ts';
import { type GroupAvailability, seesVolunteer, splitByVisibility } from './organisations.ts';
import type { Volunteer } from './volunteer.ts';
import { hasYoungChildren, type Missing, missingBeforeMatch, missingFor } from './volunteer-readiness.ts';

export interface KommuneOverview {
  readonly kommuneCode: string;
  readonly waiting: readonly HandoverRecord[];
  /** The available volunteers the coordinator sees (their groups', and those not yet assigned). */
  readonly available: readonly Volunteer[];
  /** Other groups' available volunteers in the kommune, as counts. */
  readonly otherGroups: readonly GroupAvailability[];
  readonly matches: readonly Match[];
  /** Refugees waiting without a volunteer to match them with (every group's volunteers counted). */
  readonly gap: number;
}

export const openStatuses: readonly MatchStatus[] = ['proposed', 'active', 'paused'];

/**
 * A match as a coordinator of another group may know it: who holds the refugee, since when and
 * how it stands; never its volunteer, the reasons, the check-ins' answers or the closure.
 */
export const matchAsSeenBy = (actor: Actor, match: Match): Match =>
  seesVolunteer(actor, match) ? match : redactedMatch(match);

/** Who holds the refugee, since when and how it stands: what another group may know of a match. */
export const redactedMatch = (match: Match): Match => ({
  id: match.id,
  consentId: match.consentId,
  volunteerId: '',
  kommuneCode: match.kommuneCode,
  status: match.status,
  score: 0,
  reasons: [],
  proposedAt: match.proposedAt,
  proposedBy: { sub: '', name: '' },
  arrivalDate: match.arrivalDate,
  followUps: {},
  ...(match.activeSince ? { activeSince: match.activeSince } : {}),
  ...(match.endedAt ? { endedAt: match.endedAt } : {}),
  ...(match.groupId ? { groupId: match.groupId } : {}),
  version: match.version,
  updatedAt: match.updatedAt,
});

/**
 * The coordinator's overview of one kommune, audited as a read of the waiting refugees: `list` for
 * the page, `export` when the waiting list leaves as a file.
 */
export const kommuneOverview = async (
  deps: MatchingDeps,
  actor: Actor,
  kommuneCode: string,
  read: 'list' | 'export' = 'list',
): Promise<KommuneOverview> => {
  assertCoordinates(actor, kommuneCode);
  const now = deps.now();
  const [waiting, available, ...matches] = await Promise.all([
    deps.records.listWaiting(kommuneCode),
    deps.volunteers.listAvailable(kommuneCode, now),
    ...openStatuses.map((status) => deps.matches.listByKommune(kommuneCode, status)),
  ]);
  await audited(deps, actor, read, waiting);
  const { visible, otherGroups } = splitByVisibility(actor, available);
  return {
    kommuneCode,
    waiting,
    available: visible,
    otherGroups,
    matches: matches
      .flat()
      .map((m) => matchAsSeenBy(actor, m))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    gap: missingVolunteers({ waitingRefugees: waiting.length, availableVolunteers: available.length }),
  };
};

/** The volunteers a refugee may be matched with, best first, with the reasons of the top `limit`. */
export const ranked = (record: HandoverRecord, available: readonly Volunteer[], now: Date, limit: number) =>
  rankVolunteers(
    refugeeProfile(record),
    available.map((v) => volunteerProfile(v, now)),
    limit,
  );

export interface ExplainedSuggestion extends Suggestion {
  readonly volunteer: Volunteer;
}

/** An available volunteer who may not be offered to this household yet, and why. */
export interface NotReady {
  readonly volunteer: Volunteer;
  readonly missing: readonly Missing[];
}

/** The available volunteers not ready for this household (introduction, declaration, børneattest). */
export const notReadyFor = (
  record: HandoverRecord,
  available: readonly Volunteer[],
  now: Date,
): NotReady[] => {
  const young = hasYoungChildren(record.person?.childrenAges ?? []);
  const today = copenhagenDate(now);
  return available
    .map((volunteer) => ({ volunteer, missing: missingFor(volunteer, young, today) }))
    .filter((entry) => entry.missing.length > 0);
};

export interface RefugeeMatching {
  readonly record: HandoverRecord;
  readonly suggestions: readonly ExplainedSuggestion[];
  /** Who would be there but is not ready for this household: shown with what is missing. */
  readonly notReady: readonly NotReady[];
  /** Other groups' available volunteers, as counts: the coordinator may ask the group for one. */
  readonly otherGroups: readonly GroupAvailability[];
  readonly duplicates: readonly HandoverRecord[];
  readonly history: readonly Match[];
}

/**
 * One refugee for the coordinator: the ranked volunteers with reasons, possible duplicates (shown
 * before any match is made) and the refugee's matches so far.
 */
export const refugeeMatching = async (
  deps: MatchingDeps,
  actor: Actor,
  consentId: string,
  limit = 20,
): Promise<RefugeeMatching> => {
  const record = await matchableRecord(deps, actor, consentId);
  const now = deps.now();
  const [all, duplicates, history] = await Promise.all([
    record.status === 'waiting' ? deps.volunteers.listAvailable(record.kommuneCode, now) : [],
    deps.records.possibleDuplicates(record),
    deps.matches.listByConsent(record.id),
  ]);
  const { visible: available, otherGroups } = splitByVisibility(actor, all);
  const byId = new Map(available.map((v) => [v.id, v]));
  const suggestions = ranked(record, available, now, limit).map((s) => ({
    ...s,
    volunteer: byId.get(s.volunteerId) as Volunteer,
  }));
  await audited(deps, actor, 'view', [record]);
  return {
    record,
    suggestions,
    notReady: notReadyFor(record, available, now),
    otherGroups,
    duplicates,
    history: history.map((m) => matchAsSeenBy(actor, m)),
  };
};

/** Just the ranking, for the benchmark: the page's read and ranking, without the audit. */
export const suggestionsFor = async (
  deps: Pick<MatchingDeps, 'volunteers' | 'now'>,
  record: HandoverRecord,
  limit = 20,
): Promise<Suggestion[]> => {
  const now = deps.now();
  return ranked(record, await deps.volunteers.listAvailable(record.kommuneCode, now), now, limit);
};

export interface PlannedPair {
  readonly record: HandoverRecord;
  readonly volunteer: Volunteer;
  readonly suggestion: Suggestion;
}

export interface KommunePlan {
  readonly kommuneCode: string;
  readonly pairs: readonly PlannedPair[];
  /** Available volunteers the plan could not use for anyone yet: not introduced or no declaration. */
  readonly notScreened: readonly NotReady[];
  readonly unmatched: readonly HandoverRecord[];
  readonly total: number;
}

/**
 * "Suggest a plan": the best overall assignment of the kommune's waiting refugees to its available
 * volunteers. Nothing is written: the coordinator confirms the pairs one by one.
 */
export const kommunePlan = async (
  deps: MatchingDeps,
  actor: Actor,
  kommuneCode: string,
): Promise<KommunePlan> => {
  assertCoordinates(actor, kommuneCode);
  const now = deps.now();
  const [waiting, all] = await Promise.all([
    deps.records.listWaiting(kommuneCode),
    deps.volunteers.listAvailable(kommuneCode, now),
  ]);
  // Only the volunteers the coordinator may propose: their groups' and those not yet assigned.
  const { visible: available } = splitByVisibility(actor, all);
  const plan = optimalPlan(
    waiting.map(refugeeProfile),
    available.map((v) => volunteerProfile(v, now)),
  );
  const records = new Map(waiting.map((r) => [r.id, r]));
  const volunteers = new Map(available.map((v) => [v.id, v]));
  await audited(deps, actor, 'list', waiting);
  const planned = new Set(plan.pairs.map((p) => p.refugeeId));
  return {
    kommuneCode,
    notScreened: available
      .map((volunteer) => ({ volunteer, missing: missingBeforeMatch(volunteer) }))
      .filter((entry) => entry.missing.length > 0),
    total: plan.total,
    pairs: plan.pairs.map((p) => ({
      record: records.get(p.refugeeId) as HandoverRecord,
      volunteer: volunteers.get(p.suggestion.volunteerId) as Volunteer,
      suggestion: p.suggestion,
    })),
    unmatched: waiting.filter((r) => !planned.has(r.id)),
  };
};

export interface VolunteerForCoordinator {
  readonly volunteer: Volunteer;
  readonly matches: readonly Match[];
}

/** One confirmed volunteer for a coordinator of their kommune: what they offered and their matches. */
export const volunteerForCoordinator = async (
  deps: Pick<MatchingDeps, 'volunteers' | 'matches' | 'now'>,
  actor: Actor,
  id: string,
): Promise<VolunteerForCoordinator> => {
  if (!/^[\w-]{32}$/.test(id)) throw new VolunteerNotFoundError();
  const volunteer = await deps.volunteers.get(id, deps.now());
  // Another group's volunteer is as missing as one who never signed up.
  if (
    volunteer?.status !== 'confirmed' ||
    !coordinates(actor, volunteer.kommuneCode) ||
    !seesVolunteer(actor, volunteer)
  )
    throw new VolunteerNotFoundError();
  return { volunteer, matches: await deps.matches.listByVolunteer(volunteer.id) };
};
