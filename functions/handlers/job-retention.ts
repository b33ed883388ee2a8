import { loadEnv } from '../../shared/env.ts';
import { kommuneCodes } from '../../shared/volunteer-contract.ts';
import { retentionRecords } from '../adapters/consents-retention.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { unconfirmedVolunteers, volunteerBackfill } from '../adapters/volunteers-repository.ts';
import { runRetention } from '../domain/retention.ts';
import { scheduledJob } from '../lib/scheduled-job.ts';

const env = loadEnv('job-retention');
const db = dynamoDb();
const records = retentionRecords(db, { consents: env.TABLE_CONSENTS, kommuner: env.TABLE_KOMMUNER });
const volunteers = unconfirmedVolunteers(db, {
  volunteers: env.TABLE_VOLUNTEERS,
  outbox: env.TABLE_OUTBOX,
  kommuner: env.TABLE_KOMMUNER,
});

const backfill = volunteerBackfill(db, {
  volunteers: env.TABLE_VOLUNTEERS,
  matches: env.TABLE_MATCHES,
  kommuner: env.TABLE_KOMMUNER,
});

/** Nightly: refugees' details erased when due, unconfirmed sign-ups reminded once and deleted after 30 days. */
export const handler = scheduledJob(
  'retention',
  (now) => runRetention({ records, volunteers, kommuneCodes, backfill, now: () => now }),
  kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER).recordJobRun,
);
