import * as z from 'zod';
import { recordIdSchema } from '../../shared/handover-contract.ts';
import { unwrapSchema } from '../../shared/lazy-schema.ts';
import { forEachConcurrently } from '../lib/concurrently.ts';
import {
  answerFollowUp,
  dueFollowUps,
  type FollowUpAnswer,
  followUpAnswers,
  followUpSent,
  type Milestone,
  matchEmail,
  milestoneIds,
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

/** The one-click answer to a follow-up, from the emailed link; the coordinator sees it on the match. */
export const answerFollowUpLink = async (
  deps: AnswerDeps,
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

/** A follow-up answer link's query (or the form it posts): which match, milestone, answer and token. */
export const followUpLinkSchema = z.object({
  match: unwrapSchema(recordIdSchema),
  milepael: z.enum(milestoneIds),
  svar: z.enum(followUpAnswers),
  token: z.string().max(100),
});
