import { loadEnv } from '../../shared/env.ts';
import { kommuneCodes } from '../../shared/volunteer-contract.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { outboxRepository } from '../adapters/outbox-repository.ts';
import { kommuneCoordinators } from '../adapters/staff-directory.ts';
import { taskPorts } from '../adapters/task-ports.ts';
import { writeTaskEmails } from '../domain/coordinator-tasks.ts';
import { scheduledJob } from '../lib/scheduled-job.ts';

const env = loadEnv('job-coordinator-tasks');
const db = dynamoDb();
const tasks = taskPorts(env, db);
const outbox = outboxRepository(db, env.TABLE_OUTBOX);
const coordinators = kommuneCoordinators(db, env.TABLE_STAFF);

/** Monday morning: each coordinator's open tasks as one email, written once (the outbox sends it). */
export const handler = scheduledJob(
  'coordinator-tasks',
  (now) => writeTaskEmails({ ...tasks, coordinators, outbox, now: () => now }, kommuneCodes),
  kommunerRepository(db, env.TABLE_KOMMUNER).recordJobRun,
);
