import { loadEnv } from '../../shared/env.ts';
import { kommuneCodes } from '../../shared/volunteer-contract.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { matchesRepository } from '../adapters/matches-repository.ts';
import { sendFollowUps } from '../domain/match-follow-ups.ts';
import { scheduledJob } from '../lib/scheduled-job.ts';

const env = loadEnv('job-match-follow-ups');
// Follow-ups write only the match, the month's figures and the outbox: no record or volunteer moves.
const matches = matchesRepository(dynamoDb(), {
  matches: env.TABLE_MATCHES,
  kommuner: env.TABLE_KOMMUNER,
  outbox: env.TABLE_OUTBOX,
  tasks: env.TABLE_TASKS,
  consents: '',
  volunteers: '',
});

/** Daily: each active match that reached a milestone gets its follow-up email, once (the outbox sends it). */
export const handler = scheduledJob(
  'match-follow-ups',
  (now) => sendFollowUps({ matches, now: () => now }, kommuneCodes),
  kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER).recordJobRun,
);
