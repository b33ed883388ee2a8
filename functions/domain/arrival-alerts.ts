import { forEachConcurrently } from '../lib/concurrently.ts';
import { copenhagenDate } from './danish-time.ts';
import type { NewOutboxEntry } from './email-delivery.ts';
import type { KommuneWithCounters } from './kommune.ts';
import type { Volunteer } from './volunteer.ts';

/**
 * The daily arrival alert: in each kommune where refugees began waiting for a friend in the last
 * day, the confirmed, available volunteers who want alerts get "N people have arrived in your
 * kommune and are waiting for a friend", with an "I am ready" link. No refugee data. At most one
 * alert per volunteer per 7 days: the outbox entry and the volunteer's alert marker are one
 * transaction, the marker's condition refusing a second alert within the week.
 */

export const alertIntervalDays = 7;
const day = 24 * 3600 * 1000;

export interface AlertSources {
  /** All kommuner with their counters: one Query. */
  kommuner(): Promise<KommuneWithCounters[]>;
  /** How many of the kommune's queue began waiting at or after `since` (a key-range Query). */
  arrivedSince(code: string, since: string): Promise<number>;
  listAvailable(code: string, now: Date): Promise<Volunteer[]>;
}

export interface AlertWriter {
  /** Writes the alert's outbox entry if the volunteer had none in the last `alertIntervalDays`; false otherwise. */
  claimAlert(entry: NewOutboxEntry, volunteerId: string, now: Date, notSince: Date): Promise<boolean>;
}

/** Wants alerts: not stopped emails, not turned alerts off. */
export const wantsArrivalAlerts = (v: Volunteer) => !v.emailOptOut && v.arrivalAlerts !== false;

export const arrivalAlertEmail = (
  volunteerId: string,
  kommuneCode: string,
  arrived: number,
  now: Date,
): NewOutboxEntry => ({
  key: `arrival-alert#${volunteerId}#${copenhagenDate(now)}`,
  template: 'arrivalAlert',
  recipientRef: volunteerId,
  facts: { kommuneCode, arrived },
});

export interface AlertReport {
  readonly kommunerWithArrivals: number;
  readonly alerted: number;
  /** Volunteers who had an alert in the last 7 days (or today's run already wrote theirs). */
  readonly throttled: number;
}

export const writeArrivalAlerts = async (deps: {
  sources: AlertSources;
  alerts: AlertWriter;
  now: () => Date;
}): Promise<AlertReport> => {
  const now = deps.now();
  const since = new Date(now.getTime() - day).toISOString();
  const notSince = new Date(now.getTime() - alertIntervalDays * day);
  const kommuner = (await deps.sources.kommuner()).filter((k) => k.waitingRefugees > 0);
  let kommunerWithArrivals = 0;
  let alerted = 0;
  let throttled = 0;
  await forEachConcurrently(kommuner, 8, async (kommune) => {
    const arrived = await deps.sources.arrivedSince(kommune.code, since);
    if (arrived === 0) return;
    kommunerWithArrivals++;
    const volunteers = (await deps.sources.listAvailable(kommune.code, now)).filter(wantsArrivalAlerts);
    for (const v of volunteers) {
      const entry = arrivalAlertEmail(v.id, kommune.code, arrived, now);
      if (await deps.alerts.claimAlert(entry, v.id, now, notSince)) alerted++;
      else throttled++;
    }
  });
  return { kommunerWithArrivals, alerted, throttled };
};
