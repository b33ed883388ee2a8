import { tasksMootFor } from './coordinator-task.ts';
import type { CounterChange } from './kommune.ts';
import { isOpen, type Match, matchEmail, volunteerLeft } from './match.ts';
import { type MatchWrite, MatchWriteConflict } from './matching.ts';
import type { Volunteer } from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';

/**
 * A volunteer who leaves the programme and erases their data takes no refugee with them: in the
 * same transaction as the erasure, every open proposal of theirs is cancelled and every active or
 * paused match ends (reason "the volunteer left"), each refugee goes back on their kommune's
 * waiting list at the place their handover gave them (not at the back), their retention clock
 * starts again as on any return to the list, and the coordinator who made the match is told.
 */

export interface DepartureStore {
  /** Every match of the volunteer (the `by-volunteer` index). */
  listByVolunteer(volunteerId: string): Promise<Match[]>;
  /**
   * Erases the volunteer (and their email guard) with the match writes and counters in one
   * transaction; MatchWriteConflict names what changed meanwhile: the volunteer, or a match or
   * record (with the match's id).
   */
  depart(
    volunteer: Volunteer,
    matches: readonly MatchWrite[],
    counters: readonly CounterChange[],
    now: Date,
  ): Promise<void>;
}

export interface DepartureDeps {
  readonly departures: DepartureStore;
  readonly volunteers: { get(id: string, now: Date): Promise<Volunteer | undefined> };
  readonly now: () => Date;
  /** Waits a moment (an index catching up); defaults to a timer. */
  readonly pause?: (ms: number) => Promise<void>;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The volunteer's open matches. The `by-volunteer` index is eventually consistent on AWS, so a
 * proposal made a moment ago may not be listed yet: while fewer are listed than the places the
 * volunteer has taken, it is asked again (a few times, then what is listed is ended; a proposal
 * missed even so lapses unanswered within a week, and its yes is refused once the volunteer is gone).
 */
const openMatchesOf = async (deps: DepartureDeps, volunteer: Volunteer): Promise<Match[]> => {
  for (let tries = 1; ; tries++) {
    const open = (await deps.departures.listByVolunteer(volunteer.id)).filter((m) => isOpen(m.status));
    if (open.length >= volunteer.activeMatches || tries >= 5) return open;
    await (deps.pause ?? timer)(100 * tries);
  }
};

/**
 * The writes that end one open match because its volunteer left: the refugee back on the waiting
 * list (written only if their record is still on this match), counted as waiting, the coordinator told.
 */
export const departureWrite = (match: Match, now: Date, refugeeBack = true): MatchWrite => ({
  match: { before: match, after: volunteerLeft(match, now) },
  consent: refugeeBack
    ? {
        id: match.consentId,
        kommuneCode: match.kommuneCode,
        from: match.status === 'proposed' ? 'proposed' : 'matched',
        to: 'waiting',
        matchId: match.id,
      }
    : undefined,
  counters: refugeeBack ? [{ kommuneCode: match.kommuneCode, counter: 'waitingRefugees', delta: 1 }] : [],
  // Whether the refugee waits again is fixed now: the email says it as it was decided.
  emails: [{ ...matchEmail.volunteerLeft(match), facts: { refugeeBack: refugeeBack ? 'yes' : 'no' } }],
  tasks: { close: tasksMootFor(match) },
});

/** What leaving ended. */
export interface DepartureReport {
  readonly endedMatches: number;
}

/**
 * Erases the volunteer and ends their open matches, all at once. What changed in between is read
 * again: a match a coordinator just changed, a volunteer who changed their details; a refugee whose
 * record moved on (they withdrew: the withdrawal ended the match too) is not put back. Nothing here
 * can keep a volunteer from leaving for longer than a few tries.
 */
export const leaveProgramme = async (deps: DepartureDeps, volunteer: Volunteer): Promise<DepartureReport> => {
  let current: Volunteer | undefined = volunteer;
  const recordsMovedOn = new Set<string>();
  for (let tries = 1; ; tries++) {
    const now = deps.now();
    const open = await openMatchesOf(deps, current);
    const writes = open.map((match) => departureWrite(match, now, !recordsMovedOn.has(match.id)));
    const counters = [...counterChanges(current, undefined), ...writes.flatMap((w) => w.counters)];
    try {
      await deps.departures.depart(current, writes, counters, now);
      return { endedMatches: writes.length };
    } catch (error) {
      if (tries >= 3 + open.length || !(error instanceof MatchWriteConflict)) throw error;
      if (error.part === 'consent' && error.matchId) recordsMovedOn.add(error.matchId);
      if (error.part === 'volunteer') {
        current = await deps.volunteers.get(volunteer.id, deps.now());
        if (!current) return { endedMatches: 0 };
      }
    }
  }
};
