import { isRealDay, type SurveyAgain } from '../../shared/matching-contract.ts';
import { matchTasks } from './coordinator-task.ts';
import { copenhagenDate } from './danish-time.ts';
import { type Actor, audited, staffRef } from './handover.ts';
import { type FollowUpAnswer, type Match, meetingRecorded, surveyAnswered } from './match.ts';
import { openMatch } from './match-changes.ts';
import {
  type AnswerDeps,
  MatchChangedError,
  type MatchEvent,
  type MatchingDeps,
  MatchWriteConflict,
} from './matching.ts';
import { hashToken, isTokenShaped } from './tokens.ts';
import { applyAction, type PauseLength, pauseEnd, type SelfServiceAction } from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';

/**
 * The friendship after the match: the volunteer records a meeting ("Vi har mødtes") and may raise
 * a concern, from any check-in email or from "Min tilmelding"; the coordinator records the
 * refugee's side after a phone call and may raise a concern too. A concern is an urgent task. The
 * exit survey after a closure says whether the volunteer wants a new friend, and when.
 */

/** Who acts: the match's volunteer (from a link or their own page), or a coordinator. */
export type Supporter = { readonly volunteerId: string } | { readonly actor: Actor };

const isOpenMatch = (match: Match) => match.status === 'active' || match.status === 'paused';

/** The match a volunteer's link or page may act on: theirs, and active or paused. */
const volunteersMatch = async (deps: Pick<AnswerDeps, 'matches'>, matchId: string, volunteerId: string) => {
  const match = await deps.matches.get(matchId);
  return match && match.volunteerId === volunteerId ? match : undefined;
};

/** The volunteer a check-in email's link stands for (the link works for its match only). */
export const volunteerOfSupportLink = async (
  deps: Pick<AnswerDeps, 'tokens' | 'now'>,
  matchId: string,
  token: unknown,
): Promise<string | undefined> =>
  isTokenShaped(token) ? deps.tokens.peek(hashToken(token), 'match-support', deps.now(), matchId) : undefined;

/** A few tries when the match changed under the write (another meeting, a check-in sent). */
const withRetries = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      // The match or the volunteer changed under the write (another meeting, their own edit): read again.
      if (!(error instanceof MatchWriteConflict) || (error.part !== 'match' && error.part !== 'volunteer'))
        throw error;
      if (tries >= 3) throw new MatchChangedError();
    }
  }
};

export type MeetingResult = 'recorded' | 'already-recorded' | 'not-open' | 'invalid';

/** "Vi har mødtes": one meeting a day counts, on a day from the match's start until today. */
export const recordMeeting = async (
  deps: Pick<AnswerDeps, 'matches' | 'now'>,
  matchId: string,
  volunteerId: string,
  on?: string,
): Promise<MeetingResult> => {
  const now = deps.now();
  const today = copenhagenDate(now);
  const day = on ?? today;
  return withRetries(async () => {
    const match = await volunteersMatch(deps, matchId, volunteerId);
    if (!match) return 'invalid';
    if (!isOpenMatch(match)) return 'not-open';
    const start = match.activeSince ? copenhagenDate(new Date(match.activeSince)) : today;
    if (!isRealDay(day) || day > today || day < start) return 'invalid';
    const event: MatchEvent = {
      matchId,
      key: `${day}#meeting`,
      kind: 'meeting',
      at: now.toISOString(),
      by: 'volunteer',
      on: day,
    };
    try {
      await deps.matches.write(
        {
          match: { before: match, after: meetingRecorded(match, day, now) },
          counters: [],
          emails: [],
          events: [event],
        },
        now,
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof MatchWriteConflict && error.part === 'event') return 'already-recorded';
      throw error;
    }
  });
};

/** A concern: an event on the match's timeline and an urgent task for its kommune's coordinators. */
export const raiseConcern = async (
  deps: Pick<MatchingDeps, 'matches' | 'now'> &
    Partial<Pick<MatchingDeps, 'audit' | 'records' | 'volunteers'>>,
  who: Supporter,
  matchId: string,
  note: string,
): Promise<'raised' | 'invalid'> => {
  const now = deps.now();
  const match =
    'actor' in who
      ? (await openMatch(deps as MatchingDeps, who.actor, matchId)).match
      : await volunteersMatch(deps, matchId, who.volunteerId);
  if (!match || (!isOpenMatch(match) && match.status !== 'proposed')) return 'invalid';
  const at = now.toISOString();
  const event: MatchEvent = {
    matchId,
    key: `${at}#concern`,
    kind: 'concern',
    at,
    by: 'actor' in who ? staffRef(who.actor) : 'volunteer',
    note,
  };
  // The match itself is not changed: a concern never conflicts with a check-in or a meeting.
  const write = (as: Match) =>
    deps.matches.write(
      {
        match: { before: as, after: as },
        counters: [],
        emails: [],
        events: [event],
        tasks: { open: [matchTasks.concern(as, event.key, at)] },
      },
      now,
    );
  await write(match).catch(async (error) => {
    if (!(error instanceof MatchWriteConflict) || error.part !== 'match') throw error;
    const fresh = await deps.matches.get(matchId);
    if (!fresh) throw error;
    await write(fresh);
  });
  if ('actor' in who && deps.audit && deps.records) {
    const record = await deps.records.get(match.consentId);
    if (record) await audited(deps as MatchingDeps, who.actor, 'match', [record], ['concern']);
  }
  return 'raised';
};

/** The refugee's side, as the coordinator heard it on the phone: on the match's timeline. */
export const recordRefugeeSide = async (
  deps: MatchingDeps,
  actor: Actor,
  matchId: string,
  answer: FollowUpAnswer,
  note: string | undefined,
): Promise<void> => {
  const { match, record } = await openMatch(deps, actor, matchId);
  const now = deps.now();
  const at = now.toISOString();
  await deps.matches
    .write(
      {
        match: { before: match, after: match },
        counters: [],
        emails: [],
        events: [
          {
            matchId,
            key: `${at}#refugee-side`,
            kind: 'refugee-side',
            at,
            by: staffRef(actor),
            answer,
            ...(note ? { note } : {}),
          },
        ],
      },
      now,
    )
    .catch((error) => {
      if (error instanceof MatchWriteConflict) throw new MatchChangedError();
      throw error;
    });
  await audited(deps, actor, 'match', [record], ['refugee-side']);
};

/** What the volunteer's survey answer does to their sign-up. */
const afterSurvey = (again: SurveyAgain): SelfServiceAction => (again === 'no' ? 'not-ready' : 'ready');

export type SurveyResult = 'answered' | 'invalid-link';

/**
 * The exit survey (single-use link): how it went (1–5) and whether they would take a new friend
 * now, later (they are ready again after a pause that ends by itself), or not.
 */
export const answerExitSurvey = async (
  deps: AnswerDeps,
  matchId: string,
  token: unknown,
  rating: number,
  again: SurveyAgain,
  later?: PauseLength,
): Promise<SurveyResult> => {
  if (!isTokenShaped(token)) return 'invalid-link';
  const now = deps.now();
  const volunteerId = await deps.tokens.consume(hashToken(token), 'exit-survey', now, matchId);
  if (!volunteerId) return 'invalid-link';
  return withRetries(async () => {
    const match = await volunteersMatch(deps, matchId, volunteerId);
    if (match?.status !== 'ended') return 'invalid-link';
    const before = await deps.volunteers.get(volunteerId, now);
    let after = before && applyAction(before, afterSurvey(again), now);
    if (after && again === 'later')
      after = applyAction(after, 'pause', now, pauseEnd(copenhagenDate(now), later ?? '1-month'));
    await deps.matches.write(
      {
        match: { before: match, after: surveyAnswered(match, rating, again, now) },
        ...(before && after ? { volunteer: { before, after } } : {}),
        counters: before && after ? counterChanges(before, after) : [],
        emails: [],
      },
      now,
    );
    return 'answered';
  });
};
