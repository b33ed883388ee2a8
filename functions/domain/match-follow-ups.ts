import * as z from 'zod';
import { checkInSchedule } from '../../shared/check-in-schedule.ts';
import { recordIdSchema } from '../../shared/handover-contract.ts';
import { unwrapSchema } from '../../shared/lazy-schema.ts';
import { forEachConcurrently } from '../lib/concurrently.ts';
import { matchTasks } from './coordinator-task.ts';
import {
  answerFollowUp,
  dueFollowUps,
  type FollowUpAnswer,
  followUpAnswers,
  followUpSent,
  isMilestone,
  type Milestone,
  matchEmail,
  meetingsPerMonth,
  needsCoordinator,
  sixMonths,
} from './match.ts';
import type { AnswerDeps } from './matching.ts';
import { MatchChangedError, type MatchingDeps, MatchWriteConflict, monthOf } from './matching.ts';
import { hashToken, isTokenShaped } from './tokens.ts';

/** How one follow-up run went. */
export interface FollowUpReport {
  readonly kommuner: number;
  readonly openMatches: number;
  readonly sent: number;
}

/**
 * The check-in job: for every active or paused match that reached a check-in of the schedule
 * (`shared/check-in-schedule.ts`), its email is written (once: the key and the match's version
 * decide) with the task that comes due if nobody answers; at six months the match is counted in
 * the month's figures with its meetings per month.
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
    // Eight writes at once within a kommune: a large kommune's first run sends hundreds.
    await forEachConcurrently(matches, 8, async (match) => {
      for (const milestone of dueFollowUps(match, now)) {
        try {
          const after = followUpSent(match, milestone, now);
          await deps.matches.write(
            {
              match: { before: match, after },
              counters: [],
              emails: [matchEmail.followUp(match, milestone)],
              figures:
                milestone === sixMonths
                  ? {
                      kommuneCode: match.kommuneCode,
                      month: monthOf(now),
                      reachedSixMonths: 1,
                      meetingsPerMonth: meetingsPerMonth(match, now),
                    }
                  : undefined,
              tasks: {
                open: [
                  matchTasks.checkInUnanswered(
                    after,
                    milestone,
                    now.toISOString(),
                    checkInSchedule.answerWithinDays,
                  ),
                ],
              },
            },
            now,
          );
          sent++;
        } catch (error) {
          // Changed meanwhile (a coordinator ended it; another run sent it): the next run decides again.
          if (!(error instanceof MatchWriteConflict)) throw error;
        }
      }
    });
  });
  return { kommuner: kommuneCodes.length, openMatches, sent };
};

/** The one-click answer to a follow-up, from the emailed link; the coordinator sees it on the match. */
export const answerFollowUpLink = async (
  deps: AnswerDeps,
  matchId: string,
  milestone: Milestone,
  token: unknown,
  answer: FollowUpAnswer,
): Promise<'answered' | 'answered-after-end' | 'invalid-link'> => {
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
      const after = answerFollowUp(match, milestone, answer, now);
      // A late answer to a match that has ended is kept on it, but asks nobody to act and counts nothing.
      const open = match.status === 'active' || match.status === 'paused';
      await deps.matches.write(
        {
          match: { before: match, after },
          counters: [],
          emails: [],
          figures: open
            ? { kommuneCode: match.kommuneCode, month: monthOf(now), checkInAnswer: answer }
            : undefined,
          tasks: {
            open:
              open && needsCoordinator(answer)
                ? [matchTasks.checkInAnswer(after, milestone, answer, now.toISOString())]
                : [],
            close: [matchTasks.ref(match, `check-in-unanswered#${match.id}#${milestone}`)],
          },
        },
        now,
      );
      if (!open) return 'answered-after-end';
      return 'answered';
    } catch (error) {
      if (!(error instanceof MatchWriteConflict)) throw error;
    }
  }
  throw new MatchChangedError();
};

/** A follow-up answer link's query (or the form it posts): which match, milestone, answer and token. */
export const followUpLinkSchema = z.object({
  match: unwrapSchema(recordIdSchema),
  milepael: z.string().max(20).refine(isMilestone),
  svar: z.enum(followUpAnswers),
  token: z.string().max(100),
});
