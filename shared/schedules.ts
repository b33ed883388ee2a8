import type { FunctionId } from './functions.ts';

/**
 * The schedule table. CDK turns each entry into an EventBridge Scheduler schedule (retries and a
 * dead-letter queue), the local scheduler fires the same cron expressions with croner, and
 * `npm run job -- <job>` runs any of them now.
 *
 * `cron` is EventBridge's six-field form (minutes hours day-of-month month day-of-week year).
 * Day-of-week is written with names (MON, TUE …): EventBridge counts SUN=1, croner SUN=0, and names
 * mean the same to both.
 */

export interface ScheduleDefinition {
  readonly job: string;
  readonly function: FunctionId;
  readonly cron: string;
  readonly timeZone: 'Europe/Copenhagen';
  readonly description: string;
}

export const schedules = [
  {
    job: 'heartbeat',
    function: 'job-heartbeat',
    cron: '0 6 * * ? *',
    timeZone: 'Europe/Copenhagen',
    description: 'Records that the scheduler fires; a placeholder until the real jobs arrive',
  },
  {
    job: 'email-retry',
    function: 'outbox-sender',
    cron: '0/10 * * * ? *',
    timeZone: 'Europe/Copenhagen',
    description:
      'Sends outbox emails still due: ones SES did not take, and ones whose sender stopped mid-way',
  },
  {
    job: 'match-follow-ups',
    function: 'job-match-follow-ups',
    cron: '0 9 * * ? *',
    timeZone: 'Europe/Copenhagen',
    description:
      'Sends each match its check-ins (shared/check-in-schedule.ts), once each; an unanswered one becomes a task',
  },
  {
    job: 'match-proposals',
    function: 'job-match-proposals',
    cron: '0 8 * * ? *',
    timeZone: 'Europe/Copenhagen',
    description:
      'Reminds a volunteer of an unanswered proposal after 4 days; after 7 it lapses and the refugee waits again',
  },
  {
    job: 'kommune-digests',
    function: 'job-kommune-digests',
    cron: '0 7 ? * MON *',
    timeZone: 'Europe/Copenhagen',
    description: "Monday morning: each kommune contact's digest of the week before",
  },
  {
    job: 'coordinator-tasks',
    function: 'job-coordinator-tasks',
    cron: '30 7 ? * MON *',
    timeZone: 'Europe/Copenhagen',
    description: "Monday morning: each coordinator's open tasks as one email (nothing when there are none)",
  },
  {
    job: 'arrival-alerts',
    function: 'job-arrival-alerts',
    cron: '0 17 * * ? *',
    timeZone: 'Europe/Copenhagen',
    description: 'Tells available volunteers where refugees began waiting (at most one alert a week each)',
  },
  {
    job: 'retention',
    function: 'job-retention',
    cron: '30 3 * * ? *',
    timeZone: 'Europe/Copenhagen',
    description: "Erases refugees' details when due; reminds and deletes unconfirmed sign-ups",
  },
] as const satisfies readonly ScheduleDefinition[];

export type JobName = (typeof schedules)[number]['job'];

/** The event every scheduled job receives; `now` lets a job run as of any moment. */
export interface ScheduledJobEvent {
  readonly job: string;
  readonly now?: string;
}

/** EventBridge `cron(...)` body → croner pattern (5 fields; the year field must be `*`). */
export const toCronerPattern = (cron: string): string => {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`Expected six cron fields, got "${cron}"`);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (year !== '*') throw new Error(`Only "*" is supported as the year field in "${cron}"`);
  if (/\d/.test(dayOfWeek)) {
    throw new Error(`Write day-of-week with names (MON-FRI), not numbers, in "${cron}"`);
  }
  const wildcard = (field: string) => (field === '?' ? '*' : field);
  // EventBridge writes "every 10 minutes from 0" as 0/10; croner wants a range: 0-59/10.
  const stepFrom = (field: string, max: number) => field.replace(/^(\d+)\/(\d+)$/, `$1-${max}/$2`);
  return [
    stepFrom(minute, 59),
    stepFrom(hour, 23),
    stepFrom(wildcard(dayOfMonth), 31),
    stepFrom(month, 12),
    wildcard(dayOfWeek),
  ].join(' ');
};
