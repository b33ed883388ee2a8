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
}

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
  emails: [matchEmail.volunteerLeft(match)],
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
    const open = (await deps.departures.listByVolunteer(current.id)).filter((m) => isOpen(m.status));
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
