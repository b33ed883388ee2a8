import { loadEnv } from '../../shared/env.ts';
import { kommuneNews } from '../adapters/consents-repository.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { arrivalAlertWriter } from '../adapters/outbox-repository.ts';
import { volunteersRepository } from '../adapters/volunteers-repository.ts';
import { writeArrivalAlerts } from '../domain/arrival-alerts.ts';
import { scheduledJob } from '../lib/scheduled-job.ts';

const env = loadEnv('job-arrival-alerts');
const db = dynamoDb();
const kommuner = kommunerRepository(db, env.TABLE_KOMMUNER);
const volunteers = volunteersRepository(db, env.TABLE_VOLUNTEERS);
const sources = {
  kommuner: () => kommuner.listWithCounters(),
  arrivedSince: kommuneNews(db, env.TABLE_CONSENTS).arrivedSince,
  listAvailable: (code: string, now: Date) => volunteers.listAvailable(code, now),
};
const alerts = arrivalAlertWriter(db, env.TABLE_OUTBOX);

/** Daily: volunteers in kommuner where refugees began waiting get one alert, at most weekly. */
export const handler = scheduledJob(
  'arrival-alerts',
  (now) => writeArrivalAlerts({ sources, alerts, now: () => now }),
  kommuner.recordJobRun,
);
