import { loadEnv } from '../../shared/env.ts';
import { kommuneCodes } from '../../shared/volunteer-contract.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { matchesRepository } from '../adapters/matches-repository.ts';
import { volunteersRepository } from '../adapters/volunteers-repository.ts';
import { manageProposals } from '../domain/match-proposals-job.ts';
import { countEvent } from '../lib/metrics.ts';
import { scheduledJob } from '../lib/scheduled-job.ts';

const env = loadEnv('job-match-proposals');
const db = dynamoDb();
const matches = matchesRepository(db, {
  matches: env.TABLE_MATCHES,
  consents: env.TABLE_CONSENTS,
  volunteers: env.TABLE_VOLUNTEERS,
  kommuner: env.TABLE_KOMMUNER,
  outbox: env.TABLE_OUTBOX,
  tasks: env.TABLE_TASKS,
});
const volunteers = volunteersRepository(db, env.TABLE_VOLUNTEERS);

/** Daily: unanswered proposals get one reminder, then lapse with the refugee back on the waiting list. */
export const handler = scheduledJob(
  'match-proposals',
  async (now) => {
    const report = await manageProposals({ matches, volunteers, now: () => now }, kommuneCodes);
    countEvent('ProposalsLapsed', report.lapsed);
    return report;
  },
  kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER).recordJobRun,
);
