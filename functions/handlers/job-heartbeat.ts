import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { loadEnv } from '../../shared/env.ts';
import type { ScheduledJobEvent } from '../../shared/schedules.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { runHeartbeat } from '../domain/heartbeat.ts';
import { logger } from '../lib/logger.ts';

const env = loadEnv('job-heartbeat');
const kommuner = kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER);

export const handler = middy<ScheduledJobEvent, { recordedAt: string }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const now = event.now ? new Date(event.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error(`Invalid "now" in the job event: ${event.now}`);
    const result = await runHeartbeat({ kommuner, now });
    logger.info('Heartbeat recorded', result);
    return result;
  });
