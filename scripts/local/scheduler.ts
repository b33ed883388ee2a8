import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import {
  type ScheduleDefinition,
  type ScheduledJobEvent,
  schedules,
  toCronerPattern,
} from '../../shared/schedules.ts';
import type { HandlerLoader } from './gateway.ts';

/** Runs one job of the schedule table now (or as of `now`), as EventBridge Scheduler would invoke it. */
export const invokeJob = async (loadHandler: HandlerLoader, job: string, now?: Date): Promise<unknown> => {
  const schedule = (schedules as readonly ScheduleDefinition[]).find((s) => s.job === job);
  if (!schedule) {
    throw new Error(`Unknown job "${job}". Jobs: ${schedules.map((s) => s.job).join(', ')}`);
  }
  const handler = await loadHandler(schedule.function);
  const event: ScheduledJobEvent = { job, now: (now ?? new Date()).toISOString() };
  return handler(event, {
    awsRequestId: randomUUID(),
    functionName: `venner-${schedule.function}`,
    getRemainingTimeInMillis: () => 60_000,
  } as never);
};

export interface RunningScheduler {
  readonly jobs: { job: string; pattern: string; next: Date | null }[];
  stop(): void;
}

/** The local stand-in for EventBridge Scheduler: the same cron expressions in Europe/Copenhagen. */
export const startScheduler = (
  loadHandler: HandlerLoader,
  onRun: (job: string, outcome: { ok: boolean; error?: unknown }) => void,
): RunningScheduler => {
  const crons = (schedules as readonly ScheduleDefinition[]).map((schedule) => ({
    schedule,
    cron: new Cron(
      toCronerPattern(schedule.cron),
      { timezone: schedule.timeZone, protect: true },
      async () => {
        try {
          await invokeJob(loadHandler, schedule.job);
          onRun(schedule.job, { ok: true });
        } catch (error) {
          onRun(schedule.job, { ok: false, error });
        }
      },
    ),
  }));
  return {
    jobs: crons.map(({ schedule, cron }) => ({
      job: schedule.job,
      pattern: toCronerPattern(schedule.cron),
      next: cron.nextRun(),
    })),
    stop: () => {
      for (const { cron } of crons) cron.stop();
    },
  };
};
