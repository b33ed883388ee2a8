import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledJobEvent } from '../../shared/schedules.ts';
import { logger } from './logger.ts';
import { flushMetrics } from './observability.ts';

/** The moment a job event asks to run as of, if any; a malformed one fails the run loudly. */
export const requestedNow = (event: ScheduledJobEvent): Date | undefined => {
  if (!event.now) return undefined;
  const now = new Date(event.now);
  if (Number.isNaN(now.getTime())) throw new Error(`Invalid "now" in the job event: ${event.now}`);
  return now;
};

/**
 * A scheduled job's handler: the moment it runs as of is the event's `now` (EventBridge passes
 * the scheduled time, so a retried run decides exactly as the first did; `npm run job -- --now`
 * passes any date), its report is logged and returned.
 */
export const scheduledJob = <Report extends object>(
  name: string,
  run: (now: Date) => Promise<Report>,
  /** Notes the successful run (its moment), for /health's "last run, late or not". */
  recordRun?: (job: string, at: string) => Promise<void>,
) =>
  middy<ScheduledJobEvent, Report>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics())
    .handler(async (event, context) => {
      const now = requestedNow(event) ?? new Date();
      // The run's id: in its log lines and in every outbox entry it writes.
      logger.setCorrelationId(`job:${name}:${context.awsRequestId}`);
      const started = Date.now();
      const report = await run(now);
      await recordRun?.(name, new Date().toISOString());
      // Runs, durations and failures are AWS/Lambda's metrics of the job's function; the report is here.
      logger.info(`Job ${name} ran`, { now: now.toISOString(), durationMs: Date.now() - started, ...report });
      return report;
    });
