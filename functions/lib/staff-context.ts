import { type Role, roles } from '../../shared/roles.ts';

/**
 * What the staff authorizer hands to every staff route (API Gateway passes it as
 * `requestContext.authorizer.lambda`). Values are strings: authorizer context must be flat.
 */
export interface StaffAuthorizerContext {
  readonly sub: string;
  readonly username: string;
  /** Comma-separated Cognito groups. */
  readonly groups: string;
}

export interface StaffContext {
  readonly sub: string;
  readonly username: string;
  readonly roles: readonly Role[];
}

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

export const toAuthorizerContext = (staff: StaffContext): StaffAuthorizerContext => ({
  sub: staff.sub,
  username: staff.username,
  groups: staff.roles.join(','),
});

export const parseStaffContext = (context: Partial<StaffAuthorizerContext>): StaffContext | undefined => {
  if (typeof context.sub !== 'string' || typeof context.username !== 'string') return undefined;
  const groups = typeof context.groups === 'string' ? context.groups.split(',') : [];
  return { sub: context.sub, username: context.username, roles: groups.filter(isRole) };
};
