import { loadEnv } from '../../shared/env.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { runHeartbeat } from '../domain/heartbeat.ts';
import { scheduledJob } from '../lib/scheduled-job.ts';

const env = loadEnv('job-heartbeat');
const kommuner = kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER);

export const handler = scheduledJob(
  'heartbeat',
  (now) => runHeartbeat({ kommuner, now }),
  kommuner.recordJobRun,
);
