import { lazySchema } from './lazy-schema.ts';
import { singleLineText } from './text-rules.ts';

/**
 * Staff roles and scopes. Each role is a Cognito group of the same name; the route table grants
 * access by role. A user's scope is more groups: `centre:<id>` for each asylum centre a caseworker
 * works at, `group:<id>` for each local group a coordinator belongs to (their kommuner follow
 * from the groups' coverage, read by the staff gate), and `kommune:<code>` for a kommune a
 * coordinator covers directly (before groups existed). Groups travel in the signed access token.
 */
export const roles = ['caseworker', 'coordinator', 'admin'] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  caseworker: 'Sagsbehandler på asylcenter',
  coordinator: 'Koordinator',
  admin: 'Administrator',
};

/**
 * How long staff tokens live, in hours: the deployed user pool's app client (CDK), the local
 * pool's (cognito-local) and the refresh cookie all read these, so a session lasts as long on a
 * laptop as on AWS. The refresh token's lifetime is the longest a session lasts.
 */
export const staffTokenHours = { access: 1, id: 1, refresh: 12 } as const;

export const centreGroupPrefix = 'centre:';
export const kommuneGroupPrefix = 'kommune:';
export const localGroupPrefix = 'group:';

export const centreGroup = (centreId: string) => `${centreGroupPrefix}${centreId}`;
export const kommuneGroup = (kommuneCode: string) => `${kommuneGroupPrefix}${kommuneCode}`;
export const localGroup = (groupId: string) => `${localGroupPrefix}${groupId}`;

export interface StaffScope {
  readonly roles: readonly Role[];
  readonly centres: readonly string[];
  /** The kommuner they cover: named directly, and (after the staff gate) their groups' coverage. */
  readonly kommuner: readonly string[];
  /** The local groups they belong to (coordinators). */
  readonly groups: readonly string[];
}

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** Role and scope from a user's Cognito groups; unknown groups are ignored. */
export const scopeFromGroups = (groups: readonly string[]): StaffScope => ({
  roles: groups.filter(isRole),
  centres: groups
    .filter((g) => g.startsWith(centreGroupPrefix))
    .map((g) => g.slice(centreGroupPrefix.length)),
  kommuner: groups
    .filter((g) => g.startsWith(kommuneGroupPrefix))
    .map((g) => g.slice(kommuneGroupPrefix.length)),
  groups: groups.filter((g) => g.startsWith(localGroupPrefix)).map((g) => g.slice(localGroupPrefix.length)),
});

/** The name a staff member goes by in records, audit logs and emails (Cognito's `name`, or asked at first sign-in). */
export const staffNameSchema = lazySchema(() => singleLineText(100, { name: true }).min(2));
