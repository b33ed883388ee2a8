import { Cron } from 'croner';
import { type ScheduleDefinition, schedules, toCronerPattern } from '../../shared/schedules.ts';
import type { SystemStatusStore } from './system-status.ts';

/**
 * What an operator needs to know, locally and on AWS, without personal data: DynamoDB answers;
 * each job's last run and whether it is late; emails waiting and the oldest one's age; what SES
 * holds back; how many addresses are suppressed.
 */
export interface JobHealth {
  readonly job: string;
  readonly lastRunAt?: string;
  /** No run since the last scheduled time whose grace has passed: a run was missed (or never ran). */
  readonly late: boolean;
}

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly dynamodb: 'ok' | 'unavailable';
  readonly lastHeartbeatAt?: string;
  readonly jobs?: readonly JobHealth[];
  readonly jobsLate?: number;
  readonly emails?: {
    readonly pending: number;
    readonly oldestPendingMinutes?: number;
    /** Emails SES holds back while the account is in the sandbox or the domain unverified (docs/deploy.md). */
    readonly heldBySes: number;
  };
  /** Kept for the deploy steps that read it (docs/deploy.md). */
  readonly emailsHeldBySes?: number;
  readonly suppressedAddresses?: number;
  readonly checkedAt: string;
}

export interface HealthDeps {
  kommuner: Pick<SystemStatusStore, 'getSystemStatus'>;
  heldEmails: {
    countHeld(): Promise<number>;
    pending(): Promise<{ count: number; oldestAt?: string }>;
  };
  suppressed: () => Promise<number>;
  now: () => Date;
}

/** How long a run may take to happen after its time: EventBridge retries for up to two hours. */
const graceMs = 135 * 60_000;

/**
 * The latest scheduled time a run should have followed by now: the last one, once its grace (two
 * hours and a quarter, or the interval for a job that runs more often) has passed; else the one before.
 */
const expectedRunAfter = (schedule: ScheduleDefinition, now: Date): Date | undefined => {
  const cron = new Cron(toCronerPattern(schedule.cron), { timezone: schedule.timeZone });
  const [last, before] = cron.previousRuns(2, now);
  if (!last) return undefined;
  const grace = before ? Math.min(graceMs, last.getTime() - before.getTime()) : graceMs;
  return now.getTime() - last.getTime() > grace ? last : (before ?? undefined);
};

export const jobHealth = (jobRuns: Readonly<Record<string, string>>, now: Date): JobHealth[] =>
  (schedules as readonly ScheduleDefinition[]).map((schedule) => {
    const lastRunAt = jobRuns[schedule.job];
    const due = expectedRunAfter(schedule, now);
    const late = due !== undefined && (!lastRunAt || Date.parse(lastRunAt) < due.getTime());
    return { job: schedule.job, ...(lastRunAt ? { lastRunAt } : {}), late };
  });

/** Healthy when DynamoDB answers; the rest is reported alongside. */
export const checkHealth = async (deps: HealthDeps): Promise<HealthReport> => {
  const now = deps.now();
  const checkedAt = now.toISOString();
  try {
    const [{ lastHeartbeatAt, jobRuns }, heldBySes, pending, suppressedAddresses] = await Promise.all([
      deps.kommuner.getSystemStatus(),
      deps.heldEmails.countHeld(),
      deps.heldEmails.pending(),
      deps.suppressed(),
    ]);
    const jobs = jobHealth(jobRuns, now);
    return {
      status: 'ok',
      dynamodb: 'ok',
      lastHeartbeatAt,
      jobs,
      jobsLate: jobs.filter((j) => j.late).length,
      emails: {
        pending: pending.count,
        ...(pending.oldestAt
          ? {
              oldestPendingMinutes: Math.max(
                0,
                Math.floor((now.getTime() - Date.parse(pending.oldestAt)) / 60_000),
              ),
            }
          : {}),
        heldBySes,
      },
      emailsHeldBySes: heldBySes,
      suppressedAddresses,
      checkedAt,
    };
  } catch {
    return { status: 'unavailable', dynamodb: 'unavailable', checkedAt };
  }
};
