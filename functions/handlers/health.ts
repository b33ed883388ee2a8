import { loadEnv } from '../../shared/env.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { heldEmailCounter } from '../adapters/outbox-repository.ts';
import { suppressedCount } from '../adapters/suppression-list.ts';
import { checkHealth } from '../domain/health.ts';
import { httpHandler, json } from '../http/http-handler.ts';

const env = loadEnv('health');
const kommuner = kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER);
const heldEmails = heldEmailCounter(dynamoDb(), env.TABLE_OUTBOX);

export const handler = httpHandler('health', async () => {
  const report = await checkHealth({
    kommuner,
    heldEmails,
    suppressed: () => suppressedCount(dynamoDb(), env.TABLE_OUTBOX),
    now: () => new Date(),
  });
  return report.status === 'ok' ? json(report) : json(report, 503, { 'retry-after': '5' });
});
