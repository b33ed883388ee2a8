import type { StaffScope } from '../../shared/roles.ts';

/** The signed-in staff member behind a staff route, with role and scope from their groups. */
export interface StaffContext extends StaffScope {
  readonly sub: string;
  readonly username: string;
  /** When the token was issued (epoch seconds). */
  readonly issuedAt: number;
  /**
   * When the user signed in (epoch seconds; Cognito keeps it when a session is renewed): a session
   * that began before the user last signed out is refused, in every browser.
   */
  readonly authTime: number;
  /** How people see them: the e-mail they signed in with (the staff table), else undefined. */
  readonly displayName?: string;
}

/** A staff member as pages name them: never a Cognito id when their e-mail is known. */
export const staffName = (staff: Pick<StaffContext, 'displayName' | 'username'>): string =>
  staff.displayName ?? staff.username;

/** Cookie with the Cognito access token (the staff session). */
export const sessionCookieName = 'venner_session';
/** Cookie with the Cognito refresh token; only sent to the staff pages, which renew the session with it. */
export const refreshCookieName = 'venner_refresh';
/** The staff pages live under this path (the refresh cookie's path). */
export const staffBasePath = '/personale';
export const signInPath = `${staffBasePath}/log-ind`;
