import type { HandoverStatus } from '../../shared/handover-contract.ts';
import { forEachConcurrently } from '../lib/concurrently.ts';
import { copenhagenMonth } from './danish-time.ts';
import type { NewOutboxEntry } from './email-delivery.ts';
import { DomainError } from './errors.ts';
import {
  type Actor,
  type AuditLog,
  audited,
  canSee,
  HandoverNotFoundError,
  type HandoverRecord,
  staffRef,
} from './handover.ts';
import { type CounterChange, missingVolunteers } from './kommune.ts';
import {
  accept,
  answerFollowUp,
  cancel,
  daysFromArrival,
  decline,
  dueFollowUps,
  type EndReason,
  end,
  type FollowUpAnswer,
  followUpSent,
  lapse,
  type Match,
  type MatchStatus,
  type Milestone,
  matchEmail,
  newMatch,
  pause,
  proposalDue,
  reminded as remind,
  resume,
  sixMonths,
} from './match.ts';
import { optimalPlan } from './match-plan.ts';
import {
  explainPair,
  rankVolunteers,
  refugeeProfile,
  type Suggestion,
  volunteerProfile,
} from './match-scoring.ts';
import { hashToken, isTokenShaped, type TokenStore } from './tokens.ts';
import { type Volunteer, withPlacesTaken } from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';

/**
 * The coordinators' work: the kommune's overview, explained suggestions, the plan for a whole
 * kommune, and every step of a match. Each step is one transaction across the match, the
 * refugee's record, the volunteer's places, the kommune's counters and the emails it calls for,
 * so two coordinators acting at once can never both win: the loser gets a clear answer.
 */

/** A move of the refugee's record, written only if the record is still `from` (and, when set, on `matchId`). */
export interface ConsentMove {
  readonly id: string;
  readonly kommuneCode: string;
  readonly from: HandoverStatus;
  readonly to: HandoverStatus;
  /** The match the record is on before the move (condition) or after it (set). */
  readonly matchId: string;
  /** The number of proposals so far, set on a proposal. */
  readonly round?: number;
}

/** Monthly figures for the secretariat, per kommune, moved in the same transaction. */
export interface FigureChange {
  readonly kommuneCode: string;
  /** YYYY-MM */
  readonly month: string;
  readonly matchesMade?: number;
  readonly daysToMatch?: number;
  readonly reachedSixMonths?: number;
}

export interface MatchWrite {
  /** `before` undefined: a new match (written only if its id is new); else only if still at `before.version`. */
  readonly match: { readonly before?: Match; readonly after: Match };
  readonly consent?: ConsentMove;
  /** The volunteer's places, written only if the volunteer is still as read. */
  readonly volunteer?: { readonly before: Volunteer; readonly after: Volunteer };
  /** A volunteer who must still exist for the change to be made (a yes from one who has left is no yes). */
  readonly volunteerStays?: string;
  readonly counters: readonly CounterChange[];
  readonly emails: readonly NewOutboxEntry[];
  readonly figures?: FigureChange;
}

/**
 * The part of a match's transaction whose condition failed; `email`: its outbox entry was written
 * before; `volunteer-gone`: the volunteer who had to stay has left.
 */
export type WritePart = 'match' | 'consent' | 'volunteer' | 'volunteer-gone' | 'email';

/** A transaction was refused because one part was no longer as read. */
export class MatchWriteConflict extends Error {
  override readonly name = 'MatchWriteConflict';
  /** `matchId`: which match's part, when one transaction wrote several. */
  constructor(
    readonly part: WritePart,
    readonly matchId?: string,
  ) {
    super(`The ${part} changed meanwhile`);
  }
}

export interface MatchStore {
  get(id: string): Promise<Match | undefined>;
  listByKommune(kommuneCode: string, status: MatchStatus): Promise<Match[]>;
  /** Every match of one refugee, newest first. */
  listByConsent(consentId: string): Promise<Match[]>;
  /** Every match of one volunteer, newest first. */
  listByVolunteer(volunteerId: string): Promise<Match[]>;
  /** One transaction; MatchWriteConflict names the part that was no longer as read. */
  write(change: MatchWrite, now: Date): Promise<void>;
}

export interface MatchingRecords {
  get(id: string): Promise<HandoverRecord | undefined>;
  /** The kommune's queue: waiting refugees who consented to volunteers, longest wait first. */
  listWaiting(kommuneCode: string): Promise<HandoverRecord[]>;
  /** Other records that may be the same person (same phone; or same name, birth year and kommune). */
  possibleDuplicates(record: HandoverRecord): Promise<HandoverRecord[]>;
}

export interface MatchingVolunteers {
  get(id: string, now: Date): Promise<Volunteer | undefined>;
  /** Confirmed, not paused, ready volunteers with a place left, in one kommune. */
  listAvailable(kommuneCode: string, now: Date): Promise<Volunteer[]>;
}

export interface MatchingDeps {
  readonly matches: MatchStore;
  readonly records: MatchingRecords;
  readonly volunteers: MatchingVolunteers;
  readonly audit: AuditLog;
  readonly tokens: Pick<TokenStore, 'consume' | 'peek'>;
  readonly now: () => Date;
}

export class RefugeeNotWaitingError extends DomainError {
  override readonly name = 'RefugeeNotWaitingError';
  readonly kind = 'conflict';
  constructor() {
    super('Flygtningen venter ikke længere på en ven: en anden koordinator har netop foreslået et match.');
  }
}
export class VolunteerUnavailableError extends DomainError {
  override readonly name = 'VolunteerUnavailableError';
  readonly kind = 'conflict';
  constructor() {
    super('Den frivillige har ikke længere en ledig plads (eller holder pause). Vælg en anden frivillig.');
  }
}
export class MatchNotFoundError extends DomainError {
  override readonly name = 'MatchNotFoundError';
  readonly kind = 'not-found';
  constructor() {
    super('Matchet findes ikke, eller du har ikke adgang.');
  }
}
export class MatchChangedError extends DomainError {
  override readonly name = 'MatchChangedError';
  readonly kind = 'conflict';
  constructor() {
    super('Matchet er netop blevet ændret af en anden. Åbn det igen, og prøv på ny.');
  }
}

/** Coordinators act in their kommuner; administrators everywhere. */
export const coordinates = (actor: Pick<Actor, 'roles' | 'kommuner'>, kommuneCode: string): boolean =>
  actor.roles.includes('admin') ||
  (actor.roles.includes('coordinator') && actor.kommuner.includes(kommuneCode));

const assertCoordinates = (actor: Actor, kommuneCode: string) => {
  if (!coordinates(actor, kommuneCode)) throw new HandoverNotFoundError();
};

/** A refugee a coordinator may match: in their scope, consented to volunteers, not withdrawn. */
const matchableRecord = async (deps: MatchingDeps, actor: Actor, consentId: string) => {
  const record = await deps.records.get(consentId);
  if (!record || !canSee(actor, record) || !coordinates(actor, record.kommuneCode))
    throw new HandoverNotFoundError();
  return record;
};

/**
 * Checks that the actor may match this refugee, before anything they sent is looked at: so nobody
 * learns about a record outside their scope from the answer to a bad request.
 */
export const assertMayMatch = async (deps: MatchingDeps, actor: Actor, consentId: string): Promise<void> => {
  await matchableRecord(deps, actor, consentId);
};

const day = 24 * 3600 * 1000;

/** Whole days a refugee has waited: from the later of the recording and their arrival. */
export const daysWaiting = (record: HandoverRecord, now: Date): number => {
  const arrival = record.person?.expectedMovingDate;
  const from = Math.max(Date.parse(record.recordedAt), arrival ? Date.parse(`${arrival}T00:00:00Z`) : 0);
  return Math.max(0, Math.floor((now.getTime() - from) / day));
};

export interface KommuneOverview {
  readonly kommuneCode: string;
  readonly waiting: readonly HandoverRecord[];
  readonly available: readonly Volunteer[];
  readonly matches: readonly Match[];
  /** Refugees waiting without a volunteer to match them with. */
  readonly gap: number;
}

const openStatuses: readonly MatchStatus[] = ['proposed', 'active', 'paused'];

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
  return {
    kommuneCode,
    waiting,
    available,
    matches: matches.flat().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    gap: missingVolunteers({ waitingRefugees: waiting.length, availableVolunteers: available.length }),
  };
};

/** The volunteers a refugee may be matched with, best first, with the reasons of the top `limit`. */
const ranked = (record: HandoverRecord, available: readonly Volunteer[], now: Date, limit: number) =>
  rankVolunteers(
    refugeeProfile(record),
    available.map((v) => volunteerProfile(v, now)),
    limit,
  );

export interface ExplainedSuggestion extends Suggestion {
  readonly volunteer: Volunteer;
}

export interface RefugeeMatching {
  readonly record: HandoverRecord;
  readonly suggestions: readonly ExplainedSuggestion[];
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
  const [available, duplicates, history] = await Promise.all([
    record.status === 'waiting' ? deps.volunteers.listAvailable(record.kommuneCode, now) : [],
    deps.records.possibleDuplicates(record),
    deps.matches.listByConsent(record.id),
  ]);
  const byId = new Map(available.map((v) => [v.id, v]));
  const suggestions = ranked(record, available, now, limit).map((s) => ({
    ...s,
    volunteer: byId.get(s.volunteerId) as Volunteer,
  }));
  await audited(deps, actor, 'view', [record]);
  return { record, suggestions, duplicates, history };
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
  const [waiting, available] = await Promise.all([
    deps.records.listWaiting(kommuneCode),
    deps.volunteers.listAvailable(kommuneCode, now),
  ]);
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
    total: plan.total,
    pairs: plan.pairs.map((p) => ({
      record: records.get(p.refugeeId) as HandoverRecord,
      volunteer: volunteers.get(p.suggestion.volunteerId) as Volunteer,
      suggestion: p.suggestion,
    })),
    unmatched: waiting.filter((r) => !planned.has(r.id)),
  };
};

/** A release of the volunteer's place, if they still exist. */
const releasePlace = async (deps: Pick<MatchingDeps, 'volunteers'>, match: Match, now: Date) => {
  const before = await deps.volunteers.get(match.volunteerId, now);
  if (!before) return { counters: [] as CounterChange[] };
  const after = withPlacesTaken(before, -1, now);
  return { volunteer: { before, after }, counters: counterChanges(before, after) };
};

/**
 * Writes a change that moves the refugee's record back to the waiting list (or ends their
 * programme); when the record has moved on while the match itself is as read — the refugee
 * withdrew, or their details were erased — the same change without the record and its waiting
 * count. A match is never kept open by a record that has left it.
 */
const writeOrLeaveRecord = async (matches: Pick<MatchStore, 'write'>, write: MatchWrite, now: Date) => {
  try {
    await matches.write(write, now);
  } catch (error) {
    const movesBack = write.consent?.to === 'waiting' || write.consent?.to === 'ended';
    if (!(error instanceof MatchWriteConflict) || error.part !== 'consent' || !movesBack) throw error;
    await matches.write(
      {
        ...write,
        consent: undefined,
        counters: write.counters.filter((change) => change.counter !== 'waitingRefugees'),
      },
      now,
    );
  }
};

/**
 * Runs a use case's read-decide-write again when the volunteer changed in between (they edited
 * their details, or another coordinator took one of several places): a few tries, then the last
 * conflict stands.
 */
const retryOnVolunteerChange = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof MatchWriteConflict) || error.part !== 'volunteer' || tries >= 3) throw error;
    }
  }
};

/** Proposes a match: the volunteer is asked by email. Exactly one of two coordinators racing wins. */
export const proposeMatch = async (
  deps: MatchingDeps,
  actor: Actor,
  consentId: string,
  volunteerId: string,
): Promise<Match> => {
  const record = await matchableRecord(deps, actor, consentId);
  const match = await retryOnVolunteerChange(async () => {
    const now = deps.now();
    const volunteer = await deps.volunteers.get(volunteerId, now);
    if (record.status !== 'waiting' || !record.person) throw new RefugeeNotWaitingError();
    const suggestion = volunteer && explainPair(refugeeProfile(record), volunteerProfile(volunteer, now));
    if (!volunteer || !suggestion) throw new VolunteerUnavailableError();
    const round = (record.matchRounds ?? 0) + 1;
    const match = newMatch({
      consentId,
      round,
      volunteerId,
      kommuneCode: record.kommuneCode,
      score: suggestion.score,
      reasons: suggestion.reasons,
      proposedBy: staffRef(actor),
      arrivalDate: record.person.expectedMovingDate,
      now,
    });
    const after = withPlacesTaken(volunteer, +1, now);
    try {
      await deps.matches.write(
        {
          match: { after: match },
          consent: {
            id: consentId,
            kommuneCode: record.kommuneCode,
            from: 'waiting',
            to: 'proposed',
            matchId: match.id,
            round,
          },
          volunteer: { before: volunteer, after },
          counters: [
            { kommuneCode: record.kommuneCode, counter: 'waitingRefugees', delta: -1 },
            ...counterChanges(volunteer, after),
          ],
          emails: [matchEmail.proposal(match)],
        },
        now,
      );
    } catch (error) {
      // The record moved on (another coordinator's proposal) or the match exists: the refugee is no longer waiting.
      if (error instanceof MatchWriteConflict && error.part !== 'volunteer')
        throw new RefugeeNotWaitingError();
      throw error;
    }
    return match;
  }).catch((error) => {
    // After the retries the volunteer still could not be taken: their last place went to someone else.
    if (error instanceof MatchWriteConflict) throw new VolunteerUnavailableError();
    throw error;
  });
  await audited(deps, actor, 'match', [record], ['proposed']);
  return match;
};

/** What the volunteer's link shows before they answer: the match, if the link is valid for it. */
export const openProposal = async (
  deps: MatchingDeps,
  matchId: string,
  token: unknown,
): Promise<{ match: Match; record: HandoverRecord } | undefined> => {
  if (!isTokenShaped(token)) return undefined;
  const now = deps.now();
  const volunteerId = await deps.tokens.peek(hashToken(token), 'match-answer', now, matchId);
  const match = volunteerId ? await deps.matches.get(matchId) : undefined;
  if (!match || match.volunteerId !== volunteerId || match.status !== 'proposed') return undefined;
  const record = await deps.records.get(match.consentId);
  return record?.person ? { match, record } : undefined;
};

export type ProposalAnswer = 'accept' | 'decline';
export type AnswerResult = 'accepted' | 'declined' | 'invalid-link' | 'no-longer-open';

/** Figures are counted in the Danish month. */
const monthOf = copenhagenMonth;

/**
 * The volunteer's answer, from the emailed link (single use). Yes: the match is active, the
 * volunteer gets the refugee's contact details and the kommune learns who the friend is. No: the
 * refugee is back on the waiting list and the coordinator is told.
 */
export const answerProposal = async (
  deps: MatchingDeps,
  matchId: string,
  token: unknown,
  answer: ProposalAnswer,
): Promise<AnswerResult> => {
  if (!isTokenShaped(token)) return 'invalid-link';
  const volunteerId = await deps.tokens.consume(hashToken(token), 'match-answer', deps.now(), matchId);
  if (!volunteerId) return 'invalid-link';
  return retryOnVolunteerChange(async () => {
    const now = deps.now();
    const match = await deps.matches.get(matchId);
    if (!match || match.volunteerId !== volunteerId) return 'invalid-link';
    if (match.status !== 'proposed') return 'no-longer-open';
    const consentBack = { id: match.consentId, kommuneCode: match.kommuneCode, matchId: match.id };
    try {
      if (answer === 'accept') {
        const record = await deps.records.get(match.consentId);
        await deps.matches.write(
          {
            match: { before: match, after: accept(match, now) },
            consent: { ...consentBack, from: 'proposed', to: 'matched' },
            volunteerStays: match.volunteerId,
            counters: [],
            emails: [
              matchEmail.contact(match),
              ...(record?.consent.shareWithKommune ? [matchEmail.kommune(match)] : []),
            ],
            figures: {
              kommuneCode: match.kommuneCode,
              month: monthOf(now),
              matchesMade: 1,
              daysToMatch: daysFromArrival(match, now),
            },
          },
          now,
        );
        return 'accepted';
      }
      const place = await releasePlace(deps, match, now);
      await writeOrLeaveRecord(
        deps.matches,
        {
          match: { before: match, after: decline(match, now) },
          consent: { ...consentBack, from: 'proposed', to: 'waiting' },
          volunteer: place.volunteer,
          counters: [
            { kommuneCode: match.kommuneCode, counter: 'waitingRefugees', delta: 1 },
            ...place.counters,
          ],
          emails: [matchEmail.declined(match)],
        },
        now,
      );
      return 'declined';
    } catch (error) {
      if (error instanceof MatchWriteConflict && error.part !== 'volunteer') return 'no-longer-open';
      throw error;
    }
  });
};

export type CoordinatorAction =
  | { readonly kind: 'cancel' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | {
      readonly kind: 'end';
      readonly reason: Exclude<EndReason, 'consent-withdrawn' | 'volunteer-left'>;
      readonly rematch: boolean;
    };

/** The match for a coordinator of its kommune (and still of a refugee they may see). */
export const openMatch = async (deps: MatchingDeps, actor: Actor, matchId: string) => {
  const match = await deps.matches.get(matchId);
  if (!match || !coordinates(actor, match.kommuneCode)) throw new MatchNotFoundError();
  const record = await deps.records.get(match.consentId);
  if (!record || !canSee(actor, record)) throw new MatchNotFoundError();
  return { match, record };
};

/**
 * A coordinator's change to a match: cancel a proposal nobody answered, pause, resume, or end it
 * with a reason (and put the refugee back on the waiting list for a new friend: a re-match).
 * Audited. Acting on a match someone else just changed answers MatchChangedError.
 */
export const changeMatch = async (
  deps: MatchingDeps,
  actor: Actor,
  matchId: string,
  action: CoordinatorAction,
): Promise<Match> => {
  const result = await retryOnVolunteerChange(async () => {
    const { match } = await openMatch(deps, actor, matchId);
    const now = deps.now();
    const by = staffRef(actor);
    const consent = { id: match.consentId, kommuneCode: match.kommuneCode, matchId: match.id };
    let write: MatchWrite;
    if (action.kind === 'pause' || action.kind === 'resume') {
      const after = action.kind === 'pause' ? pause(match, now) : resume(match, now);
      write = { match: { before: match, after }, counters: [], emails: [] };
    } else {
      const after = action.kind === 'cancel' ? cancel(match, by, now) : end(match, action.reason, by, now);
      const back = action.kind === 'cancel' || action.rematch;
      const place = await releasePlace(deps, match, now);
      write = {
        match: { before: match, after },
        consent: {
          ...consent,
          from: match.status === 'proposed' ? 'proposed' : 'matched',
          to: back ? 'waiting' : 'ended',
        },
        volunteer: place.volunteer,
        counters: [
          ...(back
            ? [{ kommuneCode: match.kommuneCode, counter: 'waitingRefugees' as const, delta: 1 }]
            : []),
          ...place.counters,
        ],
        emails: [],
      };
    }
    await writeOrLeaveRecord(deps.matches, write, now);
    return write.match.after;
  }).catch((error) => {
    if (error instanceof MatchWriteConflict) throw new MatchChangedError();
    throw error;
  });
  const detail =
    action.kind === 'end' ? `end:${action.reason}${action.rematch ? ':rematch' : ''}` : action.kind;
  await audited(deps, actor, 'match', [{ id: result.consentId }], [detail]);
  return result;
};

/** How one follow-up run went. */
export interface FollowUpReport {
  readonly kommuner: number;
  readonly openMatches: number;
  readonly sent: number;
}

/**
 * The follow-up job: for every active or paused match that reached a milestone, its follow-up
 * email is written (once: the key and the match's version decide) and, at six months, the match
 * is counted in the month's figures.
 */
export const sendFollowUps = async (
  deps: Pick<MatchingDeps, 'matches' | 'now'>,
  kommuneCodes: readonly string[],
): Promise<FollowUpReport> => {
  const now = deps.now();
  let openMatches = 0;
  let sent = 0;
  await forEachConcurrently(kommuneCodes, 8, async (code) => {
    const matches = (
      await Promise.all([
        deps.matches.listByKommune(code, 'active'),
        deps.matches.listByKommune(code, 'paused'),
      ])
    ).flat();
    openMatches += matches.length;
    for (const match of matches) {
      for (const milestone of dueFollowUps(match, now)) {
        try {
          await deps.matches.write(
            {
              match: { before: match, after: followUpSent(match, milestone, now) },
              counters: [],
              emails: [matchEmail.followUp(match, milestone)],
              figures:
                milestone === sixMonths
                  ? { kommuneCode: match.kommuneCode, month: monthOf(now), reachedSixMonths: 1 }
                  : undefined,
            },
            now,
          );
          sent++;
        } catch (error) {
          // Changed meanwhile (a coordinator ended it; another run sent it): the next run decides again.
          if (!(error instanceof MatchWriteConflict)) throw error;
        }
      }
    }
  });
  return { kommuner: kommuneCodes.length, openMatches, sent };
};

/** How one run over the open proposals went. */
export interface ProposalReport {
  readonly kommuner: number;
  readonly openProposals: number;
  readonly reminded: number;
  readonly lapsed: number;
}

/**
 * The proposals job: an unanswered proposal gets its one reminder after a few days and lapses
 * after a week (`proposalTimings`): the refugee is back on the waiting list at their place, the
 * volunteer's place is given back and the coordinator is told. Each step once: the match's version
 * and the emails' keys decide, so a second run the same day changes nothing.
 */
export const manageProposals = async (
  deps: Pick<MatchingDeps, 'matches' | 'volunteers' | 'now'>,
  kommuneCodes: readonly string[],
): Promise<ProposalReport> => {
  const now = deps.now();
  let openProposals = 0;
  let reminded = 0;
  let lapsed = 0;
  await forEachConcurrently(kommuneCodes, 8, async (code) => {
    const proposals = await deps.matches.listByKommune(code, 'proposed');
    openProposals += proposals.length;
    for (const proposal of proposals) {
      const due = proposalDue(proposal, now);
      try {
        if (due === 'remind') {
          await deps.matches.write(
            {
              match: { before: proposal, after: remind(proposal, now) },
              counters: [],
              emails: [matchEmail.proposalReminder(proposal)],
            },
            now,
          );
          reminded++;
        } else if (due === 'lapse') {
          await retryOnVolunteerChange(async () => {
            const match = (await deps.matches.get(proposal.id)) ?? proposal;
            if (match.status !== 'proposed') return;
            const place = await releasePlace(deps, match, now);
            await writeOrLeaveRecord(
              deps.matches,
              {
                match: { before: match, after: lapse(match, now) },
                consent: {
                  id: match.consentId,
                  kommuneCode: match.kommuneCode,
                  from: 'proposed',
                  to: 'waiting',
                  matchId: match.id,
                },
                volunteer: place.volunteer,
                counters: [
                  { kommuneCode: match.kommuneCode, counter: 'waitingRefugees', delta: 1 },
                  ...place.counters,
                ],
                emails: [matchEmail.lapsed(match)],
              },
              now,
            );
            lapsed++;
          });
        }
      } catch (error) {
        // Answered or changed meanwhile (a yes, a coordinator's cancel, another run): the next run decides again.
        if (!(error instanceof MatchWriteConflict)) throw error;
      }
    }
  });
  return { kommuner: kommuneCodes.length, openProposals, reminded, lapsed };
};

/** The one-click answer to a follow-up, from the emailed link; the coordinator sees it on the match. */
export const answerFollowUpLink = async (
  deps: MatchingDeps,
  matchId: string,
  milestone: Milestone,
  token: unknown,
  answer: FollowUpAnswer,
): Promise<'answered' | 'invalid-link'> => {
  if (!isTokenShaped(token)) return 'invalid-link';
  const now = deps.now();
  const volunteerId = await deps.tokens.consume(
    hashToken(token),
    'follow-up',
    now,
    `${matchId}#${milestone}`,
  );
  if (!volunteerId) return 'invalid-link';
  for (let tries = 0; tries < 3; tries++) {
    const match = await deps.matches.get(matchId);
    if (!match || match.volunteerId !== volunteerId || !match.followUps[milestone]) return 'invalid-link';
    try {
      await deps.matches.write(
        {
          match: { before: match, after: answerFollowUp(match, milestone, answer, now) },
          counters: [],
          emails: [],
        },
        now,
      );
      return 'answered';
    } catch (error) {
      if (!(error instanceof MatchWriteConflict)) throw error;
    }
  }
  throw new MatchChangedError();
};
