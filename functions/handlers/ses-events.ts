import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { loadEnv } from '../../shared/env.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { suppressionList } from '../adapters/suppression-list.ts';
import { recordSesEvent, type SesEvent } from '../domain/ses-events.ts';
import { logger } from '../lib/logger.ts';

const env = loadEnv('ses-events');
const deps = { suppressions: suppressionList(dynamoDb(), env.TABLE_OUTBOX), now: () => new Date() };

/** SES bounce and complaint events from SNS: the addresses are suppressed (logged as counts only). */
export const handler = middy<SNSEvent, { suppressed: number }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    let suppressed = 0;
    for (const record of event.Records) {
      let message: SesEvent;
      try {
        message = JSON.parse(record.Sns.Message) as SesEvent;
      } catch {
        logger.warn('Not an SES event; ignored', { messageId: record.Sns.MessageId });
        continue;
      }
      suppressed += await recordSesEvent(deps, message);
    }
    logger.info('SES events handled', { records: event.Records.length, suppressed });
    return { suppressed };
  });
