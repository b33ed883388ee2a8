import { tasksMootFor } from './coordinator-task.ts';
import { type Actor, audited, canSee, staffRef } from './handover.ts';
import {
  type Closure,
  cancel,
  close,
  type Match,
  matchEmail,
  meetingsPerMonth,
  pause,
  reachedSixMonths,
  resume,
} from './match.ts';
import {
  coordinates,
  type FigureChange,
  MatchChangedError,
  type MatchingDeps,
  MatchNotFoundError,
  type MatchWrite,
  MatchWriteConflict,
  monthOf,
  releasePlace,
  retryOnVolunteerChange,
  writeOrLeaveRecord,
} from './matching.ts';
import { seesVolunteer } from './organisations.ts';

export type CoordinatorAction =
  | { readonly kind: 'cancel' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'end'; readonly closure: Closure };

/** A closure in the month's figures: after six months, or early under its party and reason. */
const closureFigures = (match: Match, closure: Closure, now: Date): FigureChange => {
  const month = { kommuneCode: match.kommuneCode, month: monthOf(now) };
  return reachedSixMonths(match)
    ? { ...month, endedAfterSixMonths: 1 }
    : {
        ...month,
        endedEarly: `${closure.endedBy}:${closure.reason}`,
        meetingsPerMonth: meetingsPerMonth(match, now),
      };
};

/** The match for a coordinator of its kommune (and still of a refugee they may see). */
export const openMatch = async (deps: MatchingDeps, actor: Actor, matchId: string) => {
  const match = await deps.matches.get(matchId);
  // Another group's match (its volunteer's details) is as missing as one that never was.
  if (!match || !coordinates(actor, match.kommuneCode) || !seesVolunteer(actor, match))
    throw new MatchNotFoundError();
  const record = await deps.records.get(match.consentId);
  if (!record || !canSee(actor, record)) throw new MatchNotFoundError();
  // A match from before its volunteer had a group follows the volunteer's group now.
  if (!match.groupId) {
    const volunteer = await deps.volunteers.get(match.volunteerId, deps.now());
    // (A volunteer of no group: the match's kommune decides, as it always did, even after a move.)
    if (volunteer?.groupId && !seesVolunteer(actor, volunteer)) throw new MatchNotFoundError();
  }
  return { match, record };
};

/**
 * A coordinator's change to a match: cancel a proposal nobody answered, pause, resume, or close
 * it: planned or not, who ended it and why, and whether the refugee wants a new friend (then
 * they are back on the waiting list at their original place). A closure asks the volunteer the
 * exit survey, and they are not offered a new friend until they say they want one. Audited.
 * Acting on a match someone else just changed answers MatchChangedError.
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
      const after = action.kind === 'cancel' ? cancel(match, by, now) : close(match, action.closure, by, now);
      const back = action.kind === 'cancel' || action.closure.refugeeWantsNewFriend;
      // After a closure the volunteer is asked (the exit survey) before anyone proposes them again.
      const place = await releasePlace(deps, match, now, action.kind === 'end' ? 'not-ready' : undefined);
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
        emails: action.kind === 'end' && place.volunteer ? [matchEmail.exitSurvey(match)] : [],
        figures: action.kind === 'end' ? closureFigures(match, action.closure, now) : undefined,
        tasks: { close: tasksMootFor(match) },
      };
    }
    await writeOrLeaveRecord(deps.matches, write, now);
    return write.match.after;
  }).catch((error) => {
    if (error instanceof MatchWriteConflict) throw new MatchChangedError();
    throw error;
  });
  const detail =
    action.kind === 'end'
      ? `end:${action.closure.endedBy}:${action.closure.reason}${action.closure.planned ? ':planned' : ''}${action.closure.refugeeWantsNewFriend ? ':rematch' : ''}`
      : action.kind;
  await audited(deps, actor, 'match', [{ id: result.consentId }], [detail]);
  return result;
};

/** A match with its refugee, volunteer and timeline, for the coordinator's match page. */
export const matchDetails = async (deps: MatchingDeps, actor: Actor, matchId: string) => {
  const { match, record } = await openMatch(deps, actor, matchId);
  const [volunteer, events] = await Promise.all([
    deps.volunteers.get(match.volunteerId, deps.now()),
    deps.matches.events(match.id),
  ]);
  return { match, record, volunteer, events };
};
