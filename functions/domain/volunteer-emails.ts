import type { NewOutboxEntry } from './email-delivery.ts';

/** The emails a volunteer gets from the sign-up and self-service flows. */
export type VolunteerTemplate =
  | 'confirmation'
  | 'alreadySignedUp'
  | 'manageLink'
  | 'matchEnded'
  | 'unconfirmedReminder'
  | 'arrivalAlert';

const window = (now: Date, seconds: number) => Math.floor(now.getTime() / 1000 / seconds);

/**
 * Outbox entries, under keys that say how often each may go out: one confirmation per sign-up;
 * at most one "you are already signed up" per volunteer per hour and one requested sign-in link
 * per 10 minutes, so nobody can flood a person's inbox by entering their address again and again.
 */
export const volunteerEmail = {
  /** Per sign-up (its id and time): later changes to the same unconfirmed sign-up send nothing more. */
  confirmation: (volunteerId: string, signedUpAt: string): NewOutboxEntry => ({
    key: `signup-confirmation#${volunteerId}#${Date.parse(signedUpAt)}`,
    template: 'confirmation',
    recipientRef: volunteerId,
  }),
  alreadySignedUp: (volunteerId: string, now: Date): NewOutboxEntry => ({
    key: `already-signed-up#${volunteerId}#${window(now, 3600)}`,
    template: 'alreadySignedUp',
    recipientRef: volunteerId,
  }),
  /** Once per match: the contact has ended (no reasons, no details about the refugee). */
  matchEnded: (volunteerId: string, matchId: string): NewOutboxEntry => ({
    key: `match-ended#${matchId}`,
    template: 'matchEnded',
    recipientRef: volunteerId,
  }),
  /** The one reminder of an unconfirmed sign-up (per sign-up, like its confirmation). */
  unconfirmedReminder: (volunteerId: string, signedUpAt: string): NewOutboxEntry => ({
    key: `signup-reminder#${volunteerId}#${Date.parse(signedUpAt)}`,
    template: 'unconfirmedReminder',
    recipientRef: volunteerId,
  }),
  manageLink: (volunteerId: string, now: Date): NewOutboxEntry => ({
    key: `manage-link#${volunteerId}#${window(now, 600)}`,
    template: 'manageLink',
    recipientRef: volunteerId,
  }),
};
