import { type Actor, audited, canSee, staffRef } from './handover.ts';
import { cancel, type EndReason, end, type Match, pause, resume } from './match.ts';
import {
  coordinates,
  MatchChangedError,
  type MatchingDeps,
  MatchNotFoundError,
  type MatchWrite,
  MatchWriteConflict,
  releasePlace,
  retryOnVolunteerChange,
  writeOrLeaveRecord,
} from './matching.ts';

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

/** A match with its refugee and volunteer, for the coordinator's match page. */
export const matchDetails = async (deps: MatchingDeps, actor: Actor, matchId: string) => {
  const { match, record } = await openMatch(deps, actor, matchId);
  return { match, record, volunteer: await deps.volunteers.get(match.volunteerId, deps.now()) };
};
