import { wantsArrivalAlerts } from './arrival-alerts.ts';
import type { NewOutboxEntry, OutboxEntry } from './email-delivery.ts';
import { issueToken, type TokenPurpose, type TokenStore } from './tokens.ts';
import type { Volunteer } from './volunteer.ts';

/** The emails a volunteer gets from the sign-up and self-service flows. */
export type VolunteerTemplate =
  | 'confirmation'
  | 'alreadySignedUp'
  | 'manageLink'
  | 'matchEnded'
  | 'unconfirmedReminder'
  | 'arrivalAlert'
  | 'groupChanged';

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
  /** Once per move: the volunteer now belongs to another local group (its public contact in the facts). */
  groupChanged: (
    volunteerId: string,
    groupId: string,
    now: Date,
    facts: { groupName: string; groupEmail: string; groupPhone?: string },
  ): NewOutboxEntry => ({
    key: `group-changed#${volunteerId}#${groupId}#${now.getTime()}`,
    template: 'groupChanged',
    recipientRef: volunteerId,
    facts,
  }),
  manageLink: (volunteerId: string, now: Date): NewOutboxEntry => ({
    key: `manage-link#${volunteerId}#${window(now, 600)}`,
    template: 'manageLink',
    recipientRef: volunteerId,
  }),
};

/** The link each volunteer email carries: what its token lets the volunteer do. */
export const volunteerLinkPurpose: Record<VolunteerTemplate, TokenPurpose> = {
  unconfirmedReminder: 'confirm',
  arrivalAlert: 'manage',
  matchEnded: 'manage',
  confirmation: 'confirm',
  alreadySignedUp: 'manage',
  manageLink: 'manage',
  groupChanged: 'manage',
};

export const isVolunteerTemplate = (template: string): template is VolunteerTemplate =>
  Object.hasOwn(volunteerLinkPurpose, template);

/** A volunteer email to go out: to whom, with which tokens and facts. */
export interface VolunteerLetter {
  readonly template: VolunteerTemplate;
  readonly volunteer: Volunteer;
  readonly token: string;
  readonly unsubscribeToken: string;
  readonly facts: Readonly<Record<string, string | number>>;
}

/**
 * Decides a volunteer email when the sender sends it: reads the volunteer as they are now and
 * issues the link tokens (so a link's lifetime starts when it is sent). Nothing goes to a
 * volunteer who has left, no confirmation to one who confirmed, and only a requested sign-in link
 * to one who stopped emails.
 */
export const decideVolunteerEmail = async (
  deps: {
    readonly volunteers: { get(id: string, now: Date): Promise<Volunteer | undefined> };
    readonly tokens: Pick<TokenStore, 'put'>;
  },
  entry: OutboxEntry,
  now: Date,
): Promise<VolunteerLetter | { readonly skip: string }> => {
  const template = entry.template;
  if (!isVolunteerTemplate(template)) throw new Error(`Not a volunteer email: ${template}`);
  const v = await deps.volunteers.get(entry.recipientRef, now);
  if (!v) return { skip: 'recipient-gone' };
  // A sign-in link the person asked for still goes out after they stopped emails: it is how they resume.
  if (v.emailOptOut && template !== 'manageLink') return { skip: 'opted-out' };
  if ((template === 'confirmation' || template === 'unconfirmedReminder') && v.status !== 'unconfirmed')
    return { skip: 'already-confirmed' };
  // An alert goes only to a volunteer who still wants one and has room for a friend.
  if (template === 'arrivalAlert' && (!wantsArrivalAlerts(v) || v.status !== 'confirmed'))
    return { skip: 'no-longer-wanted' };
  const [token, unsubscribeToken] = await Promise.all([
    issueToken(deps.tokens, volunteerLinkPurpose[template], v.id, now),
    issueToken(deps.tokens, 'unsubscribe', v.id, now),
  ]);
  return { template, volunteer: v, token, unsubscribeToken, facts: entry.facts ?? {} };
};
