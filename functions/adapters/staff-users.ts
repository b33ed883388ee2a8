import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  GetGroupCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import centres from '../../shared/asylum-centres.json' with { type: 'json' };
import {
  centreGroup,
  kommuneGroup,
  localGroup,
  type Role,
  roles,
  type StaffScope,
  scopeFromGroups,
} from '../../shared/roles.ts';
import { isKommuneCode } from '../domain/reference-kommuner.ts';

/**
 * Staff users and their role and scope, as Cognito users and groups: the administration screen,
 * the administrator's command (`npm run staff`), the demo users of `npm start` and the tests all
 * go through here, against cognito-local or a real user pool alike.
 */

export interface StaffUserSpec {
  readonly email: string;
  /** The name records and audit logs show (Cognito's `name`); asked at the first sign-in when absent. */
  readonly name?: string;
  readonly role: Role;
  readonly centres?: readonly string[];
  readonly kommuner?: readonly string[];
  /** A coordinator's local groups (ids from the organisations table). */
  readonly groups?: readonly string[];
  /** A permanent password (demo users). Without one, Cognito invites the user with a temporary one. */
  readonly password?: string;
  /** A temporary password the user must change at first sign-in (tests; otherwise Cognito makes one). */
  readonly temporaryPassword?: string;
  /** Whether Cognito emails the invitation (on AWS); never locally. */
  readonly sendInvitation?: boolean;
}

export class StaffUserError extends Error {
  override readonly name = 'StaffUserError';
}

/** Checks role and scope against the reference data; the message says what is wrong. */
export const validateStaffUser = (spec: StaffUserSpec): void => {
  if (!(roles as readonly string[]).includes(spec.role))
    throw new StaffUserError(`Ukendt rolle "${spec.role}". Vælg en af: ${roles.join(', ')}.`);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(spec.email))
    throw new StaffUserError(`"${spec.email}" er ikke en gyldig e-mailadresse.`);
  for (const centre of spec.centres ?? []) {
    if (!centres.some((c) => c.id === centre))
      throw new StaffUserError(
        `Ukendt asylcenter "${centre}". Kendte centre: ${centres.map((c) => c.id).join(', ')}.`,
      );
  }
  for (const code of spec.kommuner ?? []) {
    if (!isKommuneCode(code))
      throw new StaffUserError(
        `Ukendt kommunekode "${code}". Brug de officielle koder, fx 101 for København.`,
      );
  }
  if (spec.role === 'caseworker' && (spec.centres ?? []).length === 0)
    throw new StaffUserError('En sagsbehandler skal have mindst ét asylcenter (--centre).');
  for (const group of spec.groups ?? []) {
    if (!/^[a-z0-9][a-z0-9-]{1,47}$/.test(group)) throw new StaffUserError(`Ukendt gruppe "${group}".`);
  }
  if (spec.role === 'coordinator' && (spec.kommuner ?? []).length === 0 && (spec.groups ?? []).length === 0)
    throw new StaffUserError(
      'En koordinator skal have mindst én lokal gruppe (--group) eller kommune (--kommune).',
    );
};

const ensureGroup = async (client: CognitoIdentityProviderClient, userPoolId: string, groupName: string) => {
  const exists = await client
    .send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: groupName }))
    .then(() => true)
    .catch((error: Error) => {
      if (error.name === 'ResourceNotFoundException') return false;
      throw error;
    });
  if (!exists) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName }));
};

const groupsFor = (spec: StaffUserSpec): string[] => [
  spec.role,
  ...(spec.centres ?? []).map(centreGroup),
  ...(spec.kommuner ?? []).map(kommuneGroup),
  ...(spec.groups ?? []).map(localGroup),
];

/** Sets a user's role and scope groups to exactly these: added where missing, removed where no longer. */
export const setStaffScope = async (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  spec: StaffUserSpec,
): Promise<void> => {
  validateStaffUser(spec);
  const wanted = groupsFor(spec);
  // The user's real username (with e-mail sign-in it is an id, not the address); group calls want it.
  const { Username: username = spec.email } = await client.send(
    new AdminGetUserCommand({ UserPoolId: userPoolId, Username: spec.email }),
  );
  const { Groups = [] } = await client.send(
    new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }),
  );
  const current = Groups.map((g) => g.GroupName ?? '');
  for (const group of wanted.filter((g) => !current.includes(g))) {
    await ensureGroup(client, userPoolId, group);
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }),
    );
  }
  for (const group of current.filter((g) => !wanted.includes(g))) {
    await client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }),
    );
  }
};

/** Creates the user if missing, then sets role and scope. Returns whether the user was new. */
export const addStaffUser = async (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  spec: StaffUserSpec,
): Promise<boolean> => {
  validateStaffUser(spec);
  const exists = await client
    .send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: spec.email }))
    .then(() => true)
    .catch((error: Error) => {
      if (error.name === 'UserNotFoundException') return false;
      throw error;
    });
  if (!exists) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: spec.email,
        TemporaryPassword: spec.temporaryPassword,
        MessageAction: spec.sendInvitation ? undefined : 'SUPPRESS',
        DesiredDeliveryMediums: spec.sendInvitation ? ['EMAIL'] : undefined,
        UserAttributes: [
          { Name: 'email', Value: spec.email },
          { Name: 'email_verified', Value: 'true' },
          ...(spec.name ? [{ Name: 'name', Value: spec.name }] : []),
        ],
      }),
    );
    if (spec.password) {
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: spec.email,
          Password: spec.password,
          Permanent: true,
        }),
      );
    }
  } else if (spec.name) {
    // An existing user keeps their account; the name given now is the one they go by.
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: spec.email,
        UserAttributes: [{ Name: 'name', Value: spec.name }],
      }),
    );
  }
  await setStaffScope(client, userPoolId, spec);
  return !exists;
};

/** A staff user's Cognito id (`sub`): what tokens carry and the staff table is keyed by. */
export const staffSub = async (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
): Promise<string> => {
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
  return user.UserAttributes?.find((a) => a.Name === 'sub')?.Value ?? user.Username ?? email;
};

export interface StaffUserSummary extends StaffScope {
  readonly email: string;
  readonly name?: string;
  /** Cognito's username: with e-mail sign-in an id, not the address (the screen's links use it). */
  readonly username: string;
  readonly status: string;
  readonly enabled: boolean;
}

/** Every staff user with role and scope (for the administrator's overview). */
export const listStaffUsers = async (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<StaffUserSummary[]> => {
  const users: StaffUserSummary[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
    for (const user of page.Users ?? []) {
      const username = user.Username ?? '';
      const { Groups = [] } = await client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }),
      );
      users.push({
        email: user.Attributes?.find((a) => a.Name === 'email')?.Value ?? username,
        name: user.Attributes?.find((a) => a.Name === 'name')?.Value,
        username,
        status: user.UserStatus ?? '',
        enabled: user.Enabled !== false,
        ...scopeFromGroups(Groups.map((g) => g.GroupName ?? '')),
      });
    }
    token = page.PaginationToken;
  } while (token);
  return users.sort((a, b) => a.email.localeCompare(b.email));
};

/** The latest date JavaScript has: a disabled user's sessions end there. */
const endOfTime = new Date(8.64e15);

export const accountActions = ['disable', 'enable', 'remove', 'reset-mfa', 'resend'] as const;
export type AccountAction = (typeof accountActions)[number];

/** What ends a user's sessions in venner itself (the staff gate refuses tokens issued before). */
export interface SessionEnder {
  endSessions(sub: string, at: Date): Promise<void>;
}

/**
 * A departing or locked-out staff member: disable (and enable again), remove, reset their
 * authenticator app (they set up a new one at their next sign-in), or send a new invitation to
 * someone who never signed in. Disabling, removing and resetting end every session at once:
 * Cognito's refresh tokens are revoked and venner's gate refuses the access tokens already issued.
 * Returns the Danish sentence to print.
 */
export const changeStaffAccount = async (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  action: AccountAction,
  sessions?: SessionEnder,
  now = new Date(),
): Promise<string> => {
  const username = email.trim().toLowerCase();
  const user = await client
    .send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))
    .catch((error: Error) => {
      if (error.name === 'UserNotFoundException')
        throw new StaffUserError(`Der er ingen medarbejder med e-mailen ${username}.`);
      throw error;
    });
  const sub = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value ?? user.Username ?? username;
  const endSessions = async (until = now) => {
    await sessions?.endSessions(sub, until);
    await client
      .send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }))
      .catch((error: Error) => {
        // cognito-local has no global sign-out; venner's own session end above is what counts there.
        if (error.name !== 'UnsupportedError' && !/not (yet )?supported|unsupported/i.test(error.message))
          throw error;
      });
  };
  const ended = sessions
    ? ' Alle sessioner er afsluttet.'
    : ' Sessioner udløber senest, når adgangstokenet gør (angiv --staff-table for at afslutte dem nu).';
  switch (action) {
    case 'disable':
      await client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
      // venner refuses their tokens itself, not only Cognito their sign-in: every session, even one
      // begun after this moment, counts as ended until they are enabled again.
      await endSessions(endOfTime);
      return `${username} er deaktiveret og kan ikke logge ind.${ended}`;
    case 'enable':
      await client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
      await sessions?.endSessions(sub, now);
      return `${username} er aktiveret igen og kan logge ind.`;
    case 'remove':
      // For ever: a removed user's tokens are refused, and the kommuner's digests stop naming them.
      await endSessions(endOfTime);
      await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
      return `${username} er slettet fra brugerpuljen. Navnet står stadig i logs over det, de har gjort.`;
    case 'reset-mfa':
      await client.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: userPoolId,
          Username: username,
          SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
        }),
      );
      await endSessions();
      return `${username} opsætter en ny godkendelsesapp ved næste login.${ended}`;
    case 'resend':
      if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') {
        throw new StaffUserError(
          `${username} har allerede valgt sin adgangskode; brug "Glemt adgangskode" på login-siden.`,
        );
      }
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: username,
          MessageAction: 'RESEND',
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      return `En ny invitation med en ny midlertidig adgangskode er sendt til ${username}.`;
  }
};
