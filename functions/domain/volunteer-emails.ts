import type { Volunteer } from './volunteer.ts';

/** The emails a volunteer gets from the sign-up and self-service flows; tokens go into their links. */
export interface VolunteerEmails {
  confirmation(volunteer: Volunteer, links: { confirm: string; unsubscribe: string }): Promise<void>;
  alreadySignedUp(volunteer: Volunteer, links: { manage: string; unsubscribe: string }): Promise<void>;
  manageLink(volunteer: Volunteer, links: { manage: string; unsubscribe: string }): Promise<void>;
}
