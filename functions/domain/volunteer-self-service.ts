import type { OutboxStore } from './email-delivery.ts';
import { activelyCovers, type OrganisationsDirectory } from './organisations.ts';
import { hashToken, issueToken, isTokenShaped, type TokenStore } from './tokens.ts';
import {
  applyAction,
  type EditableDetails,
  type SelfServiceAction,
  updateDetails,
  type Volunteer,
} from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';
import { type DepartureStore, leaveProgramme } from './volunteer-departure.ts';
import { volunteerEmail } from './volunteer-emails.ts';
import type { KommuneCounterWrites, VolunteerStore } from './volunteer-store.ts';

export interface SelfServiceDeps {
  readonly volunteers: VolunteerStore;
  readonly kommuner: Pick<KommuneCounterWrites, 'counterUpdates'>;
  readonly tokens: TokenStore;
  readonly outbox: Pick<OutboxStore, 'claim'>;
  readonly departures: DepartureStore;
  /** A volunteer who moves to a kommune their group does not cover leaves the group. */
  readonly groups?: Pick<OrganisationsDirectory, 'groups'>;
  readonly now: () => Date;
}

/** "Send me my link": emails a sign-in link if the address is known. The caller shows the same answer either way. */
export const requestManageLink = async (deps: SelfServiceDeps, email: string): Promise<void> => {
  const now = deps.now();
  const id = await deps.volunteers.findIdByEmail(email, now);
  const volunteer = id ? await deps.volunteers.get(id, now) : undefined;
  if (!volunteer) return;
  await deps.outbox.claim(volunteerEmail.manageLink(volunteer.id, now), now);
};

/** Uses an emailed sign-in link once and opens a session. */
export const openSession = async (
  deps: Pick<SelfServiceDeps, 'tokens' | 'now'>,
  token: unknown,
): Promise<string | undefined> => {
  if (!isTokenShaped(token)) return undefined;
  const now = deps.now();
  const volunteerId = await deps.tokens.consume(hashToken(token), 'manage', now);
  return volunteerId ? issueToken(deps.tokens, 'session', volunteerId, now) : undefined;
};

/** The volunteer behind a session cookie, if the session is valid and they still exist. */
export const volunteerForSession = async (
  deps: Pick<SelfServiceDeps, 'tokens' | 'volunteers' | 'now'>,
  session: unknown,
): Promise<Volunteer | undefined> => {
  if (!isTokenShaped(session)) return undefined;
  const now = deps.now();
  const id = await deps.tokens.peek(hashToken(session), 'session', now);
  return id ? deps.volunteers.get(id, now) : undefined;
};

const save = async (deps: SelfServiceDeps, before: Volunteer, after: Volunteer) => {
  await deps.volunteers.save(before, after, deps.kommuner.counterUpdates(counterChanges(before, after)));
  return after;
};

export const performAction = (
  deps: SelfServiceDeps,
  volunteer: Volunteer,
  action: SelfServiceAction,
  pausedUntil?: string,
) => save(deps, volunteer, applyAction(volunteer, action, deps.now(), pausedUntil));

/**
 * The volunteer's own change of their details. One who moves to a kommune their group does not
 * cover (actively) is "not yet assigned" there: the coordinators of the groups covering the new
 * kommune see them and can take them into their group.
 */
export const changeDetails = async (
  deps: SelfServiceDeps,
  volunteer: Volunteer,
  details: EditableDetails,
) => {
  const after = updateDetails(volunteer, details, deps.now());
  if (after.groupId && after.kommuneCode !== volunteer.kommuneCode && deps.groups) {
    const [group] = await deps.groups.groups([after.groupId]);
    if (!activelyCovers(group, after.kommuneCode)) {
      const { groupId: _left, ...unassigned } = after;
      return save(deps, volunteer, unassigned);
    }
  }
  return save(deps, volunteer, after);
};

/**
 * "Leave the programme and delete my data": the volunteer and their email guard are deleted, the
 * kommune's anonymous counters are adjusted, and their open proposals and matches end with the
 * refugees back on the waiting list, all in one transaction (volunteer-departure.ts). The session ends.
 */
export const leaveAndErase = async (
  deps: SelfServiceDeps,
  volunteer: Volunteer,
  session: string,
): Promise<void> => {
  await leaveProgramme(deps, volunteer);
  await deps.tokens.revoke(hashToken(session));
};

/** One-click unsubscribe from an email: uses the token and stops all emails to the volunteer. */
export const unsubscribe = async (deps: SelfServiceDeps, token: unknown): Promise<boolean> => {
  if (!isTokenShaped(token)) return false;
  const now = deps.now();
  const id = await deps.tokens.consume(hashToken(token), 'unsubscribe', now);
  const volunteer = id ? await deps.volunteers.get(id, now) : undefined;
  if (!volunteer) return false;
  if (!volunteer.emailOptOut) await save(deps, volunteer, applyAction(volunteer, 'stop-emails', now));
  return true;
};
