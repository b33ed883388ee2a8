import { loadEnv } from '../../shared/env.ts';
import { digestSources } from '../adapters/digest-sources.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { outboxRepository } from '../adapters/outbox-repository.ts';
import { writeWeeklyDigests } from '../domain/kommune-digest.ts';
import { scheduledJob } from '../lib/scheduled-job.ts';

const env = loadEnv('job-kommune-digests');
const db = dynamoDb();
const sources = digestSources(db, {
  consents: env.TABLE_CONSENTS,
  matches: env.TABLE_MATCHES,
  kommuner: env.TABLE_KOMMUNER,
});
const outbox = outboxRepository(db, env.TABLE_OUTBOX);

/** Monday morning: each kommune contact's digest of the week before, written once (the outbox sends it). */
export const handler = scheduledJob(
  'kommune-digests',
  (now) => writeWeeklyDigests({ sources, outbox, now: () => now }),
  kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER).recordJobRun,
);
