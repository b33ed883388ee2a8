import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { loadEnv } from '../../shared/env.ts';
import type { ScheduledJobEvent } from '../../shared/schedules.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { emailPorts } from '../adapters/email-ports.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import {
  type DeliveryResult,
  deliver,
  deliverNew,
  type RetryReport,
  sendDue,
} from '../domain/email-delivery.ts';
import { volunteerEmail } from '../domain/volunteer-emails.ts';
import { outboxComposer } from '../email/outbox-composer.ts';
import { logger } from '../lib/logger.ts';
import { countEvent, MetricUnit, recordFigure } from '../lib/metrics.ts';
import { flushMetrics } from '../lib/observability.ts';
import { requestedNow } from '../lib/scheduled-job.ts';

const env = loadEnv('outbox-sender');
const { delivery, letters } = emailPorts(env);
const systemStatus = kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER);
const ports = { ...delivery, compose: outboxComposer(letters, env.PUBLIC_BASE_URL) };

/**
 * One item from a stream: a new pending outbox entry is sent; a volunteer written as unconfirmed
 * gets their sign-up's confirmation (claimed and sent here, once per sign-up). A throw reports just this record as failed, so the stream
 * retries it. The event source filters already pass only these inserts; the checks keep the local
 * stand-in and any unfiltered record harmless.
 */
const handleNewItem = async (record: DynamoDBRecord): Promise<void> => {
  const image = record.dynamodb?.NewImage;
  if (!image) return;
  const pk = image.pk?.S ?? '';
  if (pk.startsWith('EMAIL#') && image.status?.S === 'pending' && image.key?.S) {
    // The entry's id: the request (or job run) that wrote it, now in the sender's log lines too.
    logger.setCorrelationId(image.correlationId?.S ?? `stream:${record.eventID}`);
    const result = await deliver(ports, image.key.S);
    countDelivery(result);
    logger.info('Outbox entry handled', { key: image.key.S, result });
  } else if (
    pk.startsWith('VOLUNTEER#') &&
    image.status?.S === 'unconfirmed' &&
    image.id?.S &&
    image.createdAt?.S
  ) {
    logger.setCorrelationId(`stream:${record.eventID}`);
    const entry = volunteerEmail.confirmation(image.id.S, image.createdAt.S);
    const result = await deliverNew(ports, entry);
    countDelivery(result);
    logger.info('Confirmation handled', { key: entry.key, result });
  }
};

const countDelivery = (result: DeliveryResult) => {
  if (result === 'sent') countEvent('EmailsSent');
  else if (result === 'failed') countEvent('EmailsFailed');
};

const isStreamEvent = (event: DynamoDBStreamEvent | ScheduledJobEvent): event is DynamoDBStreamEvent =>
  Array.isArray((event as DynamoDBStreamEvent).Records);

/**
 * Invoked by the streams of the outbox (each new email, at once) and of the volunteers (each new
 * sign-up's confirmation), and by the email-retry schedule
 * (whatever is still due). Both send through `deliver`, which takes each entry before sending it.
 */
export const handler = middy<DynamoDBStreamEvent | ScheduledJobEvent, DynamoDBBatchResponse | RetryReport>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics())
  .handler(async (event, context) => {
    if (isStreamEvent(event))
      // A processor per invocation: its state belongs to the invocation (Lambda may run several at once).
      return processPartialResponse(event, handleNewItem, new BatchProcessor(EventType.DynamoDBStreams), {
        context,
      });
    // Without a requested moment the sender keeps the live clock: leases run from when each email is taken.
    const now = requestedNow(event);
    logger.setCorrelationId(`job:email-retry:${context.awsRequestId}`);
    const report = await sendDue(now ? { ...ports, now: () => now } : ports);
    countEvent('EmailsSent', report.sent);
    countEvent('EmailsFailed', report.failed);
    countEvent('EmailsPending', report.due - report.sent - report.skipped - report.failed);
    recordFigure('OldestPendingEmailSeconds', MetricUnit.Seconds, report.oldestPendingSeconds);
    await systemStatus.recordJobRun('email-retry', new Date().toISOString());
    logger.info('Email retry run', { ...report });
    return report;
  });
