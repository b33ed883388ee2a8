import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { loadEnv } from '../../shared/env.ts';
import type { ScheduledJobEvent } from '../../shared/schedules.ts';
import { kommuneCodes } from '../../shared/volunteer-contract.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { matchesRepository } from '../adapters/matches-repository.ts';
import { type FollowUpReport, sendFollowUps } from '../domain/matching.ts';
import { logger } from '../lib/logger.ts';

const env = loadEnv('job-match-follow-ups');
// Follow-ups write only the match, the month's figures and the outbox: no record or volunteer moves.
const matches = matchesRepository(dynamoDb(), {
  matches: env.TABLE_MATCHES,
  kommuner: env.TABLE_KOMMUNER,
  outbox: env.TABLE_OUTBOX,
  consents: '',
  volunteers: '',
});

/** Daily: each active match that reached a milestone gets its follow-up email, once (the outbox sends it). */
export const handler = middy<ScheduledJobEvent, FollowUpReport>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const now = event.now ? new Date(event.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error(`Invalid "now" in the job event: ${event.now}`);
    const report = await sendFollowUps({ matches, now: () => now }, kommuneCodes);
    logger.info('Follow-ups written', { ...report });
    return report;
  });
