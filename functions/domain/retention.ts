import { forEachConcurrently } from '../lib/concurrently.ts';
import { copenhagenDate } from './danish-time.ts';
import type { NewOutboxEntry } from './email-delivery.ts';
import { decideUnconfirmed, pauseIsOver, type Volunteer } from './volunteer.ts';
import { volunteerEmail } from './volunteer-emails.ts';

/**
 * How long personal data is kept (see docs/retention.md):
 * - a refugee's details: a year after the handover if they were never matched (counted again from
 *   when a proposal was declined), half a year after their match ended;
 * - an unconfirmed sign-up: one reminder after 7 days, deleted after 30 (rules in volunteer.ts).
 * The same nightly run ends volunteers' pauses whose last day has passed.
 * The daily retention job erases what is due; a DynamoDB TTL `backstopDays` later deletes the item
 * should the job not have run, and reads ignore expired items meanwhile.
 */
export const retentionDays = {
  neverMatched: 365,
  afterMatchEnded: 180,
  backstop: 60,
  /** A note on a match's timeline (a concern, a call): deleted by DynamoDB's TTL a year after it was written. */
  notes: 365,
} as const;

const day = 24 * 3600 * 1000;

export const eraseAfter = (from: Date, days: number): string =>
  new Date(from.getTime() + days * day).toISOString();

/** Epoch seconds of the TTL backstop for a record due for erasure at `eraseAt`. */
export const backstopExpiry = (eraseAt: string) =>
  Math.floor((Date.parse(eraseAt) + retentionDays.backstop * day) / 1000);

export interface DueRecord {
  readonly id: string;
  readonly kommuneCode: string;
  readonly status: string;
  /** The record is in the kommune's queue (its counter goes down with the erasure). */
  readonly inQueue: boolean;
  readonly eraseAfter: string;
}

export interface RetentionRecords {
  /** Records whose details are due for erasure (a sparse index sorted by due date): costs what is due. */
  listDue(now: Date): Promise<DueRecord[]>;
  /** Erases the details if still due; false if someone changed the record meanwhile. */
  eraseDetails(record: DueRecord, now: Date): Promise<boolean>;
}

export interface UnconfirmedVolunteers {
  listUnconfirmed(kommuneCode: string): Promise<Volunteer[]>;
  /** Marks the reminder sent together with its outbox entry; false if it was already written. */
  markReminded(volunteer: Volunteer, entry: NewOutboxEntry, now: Date): Promise<boolean>;
  erase(volunteer: Volunteer): Promise<void>;
  /** Confirmed volunteers not counted as available in a kommune (paused, not ready, or full). */
  listUnavailable(kommuneCode: string): Promise<Volunteer[]>;
  /** Ends a pause whose last day has passed; false if the volunteer changed meanwhile. */
  endPause(volunteer: Volunteer, now: Date): Promise<boolean>;
}

/**
 * Volunteers stored before the coordinators' tasks existed lack two things their item now carries:
 * `firstProposedAt` (learnt from their matches) and the sparse key of the tasks index (written by any
 * save). The nightly run backfills them once, then notes that it is done; no downtime, and a run cut
 * off midway goes on the next night (re-saving a volunteer changes nothing else).
 */
export interface VolunteerBackfill {
  pending(): Promise<boolean>;
  markDone(at: Date): Promise<void>;
  /** The kommune's confirmed volunteers: two key Queries. */
  listConfirmed(kommuneCode: string): Promise<Volunteer[]>;
  /** When the volunteer was first proposed, from their matches (one Query). */
  firstProposal(volunteerId: string): Promise<string | undefined>;
  /** Saves the volunteer as changed if still as read; false when they changed meanwhile. */
  resave(before: Volunteer, after: Volunteer): Promise<boolean>;
}

export const backfillVolunteers = async (
  deps: VolunteerBackfill,
  kommuneCodes: readonly string[],
  now: Date,
): Promise<number> => {
  if (!(await deps.pending())) return 0;
  let saved = 0;
  await forEachConcurrently(kommuneCodes, 8, async (code) => {
    const volunteers = (await deps.listConfirmed(code)).filter((v) => !v.firstProposedAt);
    await forEachConcurrently(volunteers, 4, async (v) => {
      const first = await deps.firstProposal(v.id);
      if (await deps.resave(v, first ? { ...v, firstProposedAt: first } : v)) saved++;
    });
  });
  await deps.markDone(now);
  return saved;
};

export interface RetentionReport {
  readonly refugeesErased: number;
  readonly remindersWritten: number;
  readonly signUpsDeleted: number;
  /** Volunteers whose pause ended (they are available again). */
  readonly pausesEnded: number;
  /** Volunteers of before the tasks saved again once (firstProposedAt, the tasks index's key). */
  readonly volunteersBackfilled: number;
}

export const runRetention = async (deps: {
  records: RetentionRecords;
  volunteers: UnconfirmedVolunteers;
  kommuneCodes: readonly string[];
  backfill?: VolunteerBackfill;
  now: () => Date;
}): Promise<RetentionReport> => {
  const now = deps.now();
  let refugeesErased = 0;
  for (const record of await deps.records.listDue(now)) {
    if (await deps.records.eraseDetails(record, now)) refugeesErased++;
  }
  let remindersWritten = 0;
  let signUpsDeleted = 0;
  let pausesEnded = 0;
  await forEachConcurrently(deps.kommuneCodes, 8, async (code) => {
    for (const volunteer of await deps.volunteers.listUnconfirmed(code)) {
      const decision = decideUnconfirmed(volunteer, now);
      if (decision === 'delete') {
        await deps.volunteers.erase(volunteer);
        signUpsDeleted++;
      } else if (decision === 'remind') {
        const entry = volunteerEmail.unconfirmedReminder(volunteer.id, volunteer.createdAt);
        if (await deps.volunteers.markReminded(volunteer, entry, now)) remindersWritten++;
      }
    }
    // Pauses end after their last day: the volunteer is ready again without having to remember.
    const today = copenhagenDate(now);
    for (const volunteer of await deps.volunteers.listUnavailable(code)) {
      if (pauseIsOver(volunteer, today) && (await deps.volunteers.endPause(volunteer, now))) pausesEnded++;
    }
  });
  const volunteersBackfilled = deps.backfill
    ? await backfillVolunteers(deps.backfill, deps.kommuneCodes, now)
    : 0;
  return { refugeesErased, remindersWritten, signUpsDeleted, pausesEnded, volunteersBackfilled };
};
