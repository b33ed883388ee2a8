import type { TransactItem } from '../adapters/transact-item.ts';
import type { Volunteer } from './volunteer.ts';

/** An email whose outbox claim is committed with the change that causes it; `send` then sends it. */
export interface PreparedEmail {
  readonly claim: TransactItem;
  send(): Promise<void>;
}

/** The emails a volunteer gets from the sign-up and self-service flows; tokens go into their links. */
export interface VolunteerEmails {
  prepareConfirmation(volunteer: Volunteer, links: { confirm: string; unsubscribe: string }): PreparedEmail;
  alreadySignedUp(volunteer: Volunteer, links: { manage: string; unsubscribe: string }): Promise<void>;
  manageLink(volunteer: Volunteer, links: { manage: string; unsubscribe: string }): Promise<void>;
}
