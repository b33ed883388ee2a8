import type { HandoverStatus } from '../../shared/handover-contract.ts';
import type { TaskChanges } from './coordinator-task.ts';
import { copenhagenMonth } from './danish-time.ts';
import type { NewOutboxEntry } from './email-delivery.ts';
import { DomainError } from './errors.ts';
import {
  type Actor,
  type AuditLog,
  canSee,
  HandoverNotFoundError,
  type HandoverRecord,
  type StaffRef,
} from './handover.ts';
import type { CounterChange } from './kommune.ts';
import type { FollowUpAnswer, Match, MatchStatus } from './match.ts';
import type { TokenStore } from './tokens.ts';
import { applyAction, type SelfServiceAction, type Volunteer, withPlacesTaken } from './volunteer.ts';
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
  /** A match a coordinator closed before six months, under its party and reason (`volunteer:moved`). */
  readonly endedEarly?: string;
  /** A match that ended after six months (planned or not). */
  readonly endedAfterSixMonths?: number;
  /** A check-in answered. */
  readonly checkInAnswer?: FollowUpAnswer;
  /** A match's meetings per month, when its outcome is known (six months, or an earlier end): the median is read from them. */
  readonly meetingsPerMonth?: number;
  /** The local group whose match it is: its counts are kept beside the kommune's (`group:<id>:…`). */
  readonly groupId?: string;
}

/** Something that happened in a match, kept with it as its timeline (besides its check-ins). */
export interface MatchEvent {
  readonly matchId: string;
  /** Unique within the match and sorted by time: `<ISO time>#<kind>`; a meeting `<day>#meeting` (one a day). */
  readonly key: string;
  readonly kind: 'meeting' | 'concern' | 'refugee-side';
  readonly at: string;
  readonly by: 'volunteer' | StaffRef;
  /** The day of a meeting. */
  readonly on?: string;
  /** The refugee's side, as the coordinator heard it on the phone. */
  readonly answer?: FollowUpAnswer;
  readonly note?: string;
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
  /** Events written with the change, each only once (a meeting recorded twice on a day is one). */
  readonly events?: readonly MatchEvent[];
  /** The coordinator's tasks the change opens and makes moot. */
  readonly tasks?: TaskChanges;
}

/**
 * The part of a match's transaction whose condition failed; `email`: its outbox entry was written
 * before; `volunteer-gone`: the volunteer who had to stay has left.
 */
export type WritePart = 'match' | 'consent' | 'volunteer' | 'volunteer-gone' | 'email' | 'event';

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
  /** The match's events (meetings, concerns, calls), oldest first: one Query. */
  events(matchId: string): Promise<MatchEvent[]>;
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
  /** Requests between groups for a refugee (volunteer-requests.ts): a proposal answers the open ones. */
  readonly requests?: {
    ofRefugee(kommuneCode: string, consentId: string): Promise<readonly { id: string; status: string }[]>;
  };
  readonly now: () => Date;
}

/** What the volunteer's answer links need: no audit (the volunteer is not staff) and no staff scope. */
export type AnswerDeps = Omit<MatchingDeps, 'audit'>;

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
export class VolunteerNotFoundError extends DomainError {
  override readonly name = 'VolunteerNotFoundError';
  readonly kind = 'not-found';
  constructor() {
    super('Den frivillige findes ikke, eller du koordinerer ikke for deres kommune.');
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

export const assertCoordinates = (actor: Actor, kommuneCode: string) => {
  if (!coordinates(actor, kommuneCode)) throw new HandoverNotFoundError();
};

/** A refugee a coordinator may match: in their scope, consented to volunteers, not withdrawn. */
export const matchableRecord = async (deps: MatchingDeps, actor: Actor, consentId: string) => {
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

export const day = 24 * 3600 * 1000;

/** Whole days a refugee has waited: from the later of the recording and their arrival. */
export const daysWaiting = (record: HandoverRecord, now: Date): number => {
  const arrival = record.person?.expectedMovingDate;
  const from = Math.max(Date.parse(record.recordedAt), arrival ? Date.parse(`${arrival}T00:00:00Z`) : 0);
  return Math.max(0, Math.floor((now.getTime() - from) / day));
};

/** A release of the volunteer's place, if they still exist. */
export const releasePlace = async (
  deps: Pick<MatchingDeps, 'volunteers'>,
  match: Match,
  now: Date,
  /** What the volunteer said with it (a "not now" to a proposal: not ready for a new friend). */
  also?: SelfServiceAction,
) => {
  const before = await deps.volunteers.get(match.volunteerId, now);
  if (!before) return { counters: [] as CounterChange[] };
  const freed = withPlacesTaken(before, -1, now);
  const after = also ? applyAction(freed, also, now) : freed;
  return { volunteer: { before, after }, counters: counterChanges(before, after) };
};

/**
 * Writes a change that moves the refugee's record back to the waiting list (or ends their
 * programme); when the record has moved on while the match itself is as read — the refugee
 * withdrew, or their details were erased — the same change without the record and its waiting
 * count. A match is never kept open by a record that has left it.
 */
export const writeOrLeaveRecord = async (
  matches: Pick<MatchStore, 'write'>,
  write: MatchWrite,
  now: Date,
) => {
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
export const retryOnVolunteerChange = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof MatchWriteConflict) || error.part !== 'volunteer' || tries >= 3) throw error;
    }
  }
};

/** Figures are counted in the Danish month. */
export const monthOf = copenhagenMonth;
