import { randomBytes } from 'node:crypto';
import type { VolunteerDetails, VolunteerSignup } from '../../shared/volunteer-contract.ts';
import type { Screening } from './screening.ts';

/**
 * A volunteer and the rules of their life cycle. Plain data and pure functions: the use cases
 * load a volunteer, apply one of these, and save before and after (the repository keeps the
 * kommune counters in step with `isAvailable`).
 */

export type VolunteerStatus = 'unconfirmed' | 'confirmed';

export interface Volunteer extends Omit<VolunteerSignup, 'consent' | 'group'> {
  readonly id: string;
  readonly status: VolunteerStatus;
  readonly paused: boolean;
  /** The last day of a pause (YYYY-MM-DD, Danish date): the nightly job ends the pause after it. */
  readonly pausedUntil?: string;
  /** "I am ready for a new friend": false while they do not want another match. */
  readonly ready: boolean;
  readonly emailOptOut: boolean;
  readonly activeMatches: number;
  readonly consentedAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly confirmedAt?: string;
  readonly reminderSentAt?: string;
  /** What they have done before a first match (introduction, declaration, børneattest): volunteer-readiness.ts. */
  readonly screening?: Screening;
  /** When a coordinator first proposed them a match ("never matched after 60 days" is a task). */
  readonly firstProposedAt?: string;
  /** The local group they belong to (organisations.ts); none: "not yet assigned", seen by every group in the kommune. */
  readonly groupId?: string;
}

/** Unconfirmed sign-ups get one reminder after this many days … */
export const reminderAfterDays = 7;
/** … and are deleted after this many. */
export const unconfirmedRetentionDays = 30;

const day = 24 * 60 * 60 * 1000;

/** Counted as available in the kommune: confirmed, not paused, ready, and with room for one more. */
export const isAvailable = (
  v: Pick<Volunteer, 'status' | 'paused' | 'ready' | 'activeMatches' | 'capacity'>,
): boolean => v.status === 'confirmed' && !v.paused && v.ready && v.activeMatches < v.capacity;

/**
 * A volunteer's id is random (32 base64url characters): nothing that outlives them (an outbox
 * entry, a token, a match) can be traced back to their email address once they have left. One
 * person, one record is kept by a guard item keyed by the address, written in the same
 * transaction as the volunteer and deleted with them (volunteers-repository.ts).
 */
export const newVolunteerId = (): string => randomBytes(24).toString('base64url');

export const newVolunteer = (
  input: VolunteerSignup,
  now: Date,
  id = newVolunteerId(),
  groupId?: string,
): Volunteer => {
  const { consent: _consent, group: _group, ...details } = input;
  const at = now.toISOString();
  return {
    ...details,
    adults: input.kind === 'family' ? (input.adults ?? 2) : undefined,
    children: input.kind === 'family' ? (input.children ?? 0) : undefined,
    organisationName: input.organisation === 'other-association' ? input.organisationName : undefined,
    id,
    status: 'unconfirmed',
    paused: false,
    ready: true,
    emailOptOut: false,
    activeMatches: 0,
    ...(groupId ? { groupId } : {}),
    consentedAt: at,
    createdAt: at,
    updatedAt: at,
  };
};

const touch = (v: Volunteer, now: Date, change: Partial<Volunteer>): Volunteer => ({
  ...v,
  ...change,
  updatedAt: now.toISOString(),
});

/** The volunteer with `delta` more (or, negative, fewer) of their places taken by matches. */
export const withPlacesTaken = (v: Volunteer, delta: number, now: Date): Volunteer =>
  touch(v, now, {
    activeMatches: Math.max(0, v.activeMatches + delta),
    ...(delta > 0 && !v.firstProposedAt ? { firstProposedAt: now.toISOString() } : {}),
  });

export const confirm = (v: Volunteer, now: Date): Volunteer =>
  v.status === 'confirmed' ? v : touch(v, now, { status: 'confirmed', confirmedAt: now.toISOString() });

export type SelfServiceAction = 'pause' | 'resume' | 'ready' | 'not-ready' | 'stop-emails' | 'resume-emails';

/** How long a volunteer can pause (then they are ready again by themselves). */
export const pauseLengths = ['2-weeks', '1-month', '3-months'] as const;
export type PauseLength = (typeof pauseLengths)[number];

/** The last day of a pause that starts today (a Danish date). */
export const pauseEnd = (today: string, length: PauseLength): string => {
  const d = new Date(`${today}T12:00:00Z`);
  if (length === '2-weeks') {
    d.setUTCDate(d.getUTCDate() + 13);
    return d.toISOString().slice(0, 10);
  }
  // The same day a month (or three) on, less one; at most the target month's last day (31 Jan → 28 Feb).
  const months = length === '1-month' ? 1 : 3;
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, 12));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
};

/** A pause whose last day is before `today`: the nightly job ends it. */
export const pauseIsOver = (v: Pick<Volunteer, 'paused' | 'pausedUntil'>, today: string): boolean =>
  v.paused && v.pausedUntil !== undefined && v.pausedUntil < today;

export const applyAction = (
  v: Volunteer,
  action: SelfServiceAction,
  now: Date,
  /** For a pause: its last day (none: until they resume). */
  pausedUntil?: string,
): Volunteer => {
  switch (action) {
    case 'pause':
      return touch(v, now, { paused: true, pausedUntil });
    case 'resume':
      return touch(v, now, { paused: false, pausedUntil: undefined });
    case 'ready':
      return touch(v, now, { ready: true, paused: false, pausedUntil: undefined });
    case 'not-ready':
      return touch(v, now, { ready: false });
    case 'stop-emails':
      return touch(v, now, { emailOptOut: true });
    case 'resume-emails':
      return touch(v, now, { emailOptOut: false });
  }
};

/** The details a volunteer may change themselves (not the email address, which is their identity). */
export type EditableDetails = VolunteerDetails;

export const updateDetails = (v: Volunteer, details: EditableDetails, now: Date): Volunteer =>
  touch(v, now, {
    ...details,
    adults: details.kind === 'family' ? (details.adults ?? 2) : undefined,
    children: details.kind === 'family' ? (details.children ?? 0) : undefined,
    organisationName: details.organisation === 'other-association' ? details.organisationName : undefined,
  });

/** When an unconfirmed sign-up's one reminder is due, and when it is to be deleted. */
export const unconfirmedSchedule = (v: Pick<Volunteer, 'createdAt'>) => {
  const created = Date.parse(v.createdAt);
  return {
    remindAt: new Date(created + reminderAfterDays * day),
    deleteAt: new Date(created + unconfirmedRetentionDays * day),
  };
};

export type UnconfirmedDecision = 'nothing' | 'remind' | 'delete';

/** The rule the retention job applies to each unconfirmed sign-up. */
export const decideUnconfirmed = (
  v: Pick<Volunteer, 'status' | 'createdAt' | 'reminderSentAt' | 'emailOptOut'>,
  now: Date,
): UnconfirmedDecision => {
  if (v.status !== 'unconfirmed') return 'nothing';
  const { remindAt, deleteAt } = unconfirmedSchedule(v);
  if (now >= deleteAt) return 'delete';
  if (now >= remindAt && !v.reminderSentAt && !v.emailOptOut) return 'remind';
  return 'nothing';
};
