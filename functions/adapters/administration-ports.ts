import { randomBytes } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  type AdministrationDeps,
  AdministrationError,
  type OrganisationAdminDeps,
  type StaffAccounts,
  type StaffUserInput,
} from '../domain/administration.ts';
import { traced } from '../lib/tracer.ts';
import { adminLog } from './audit-repository.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { organisationsDirectory } from './organisations-repository.ts';
import { staffDirectory, staffSessionEnds } from './staff-directory.ts';
import {
  addStaffUser,
  changeStaffAccount,
  listStaffUsers,
  StaffUserError,
  setStaffScope,
  staffSub,
} from './staff-users.ts';

export interface AdministrationPortsEnv {
  readonly USER_POOL_ID: string;
  readonly TABLE_STAFF: string;
  readonly TABLE_AUDIT: string;
  readonly TABLE_KOMMUNER: string;
  readonly TABLE_ORGANISATIONS: string;
  /** `show` where nobody can be emailed an invitation (locally): the temporary password comes back. */
  readonly STAFF_INVITATIONS: string;
}

/** Cognito's refusals of a bad request become the administrator's error, in Danish. */
const asAdministrationError = (error: unknown): never => {
  if (error instanceof StaffUserError) throw new AdministrationError(error.message);
  throw error;
};

/** Cognito's user pool as the administration's port: the same code `npm run staff` runs. */
export const cognitoStaffAccounts = (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  invitations: 'email' | 'show',
  sessions?: { endSessions(sub: string, at: Date): Promise<void> },
): StaffAccounts => ({
  list: () => listStaffUsers(client, userPoolId),
  async create(input: StaffUserInput) {
    const temporaryPassword =
      invitations === 'show' ? `Midl-${randomBytes(6).toString('base64url')}-7a!` : undefined;
    const created = await addStaffUser(client, userPoolId, {
      ...input,
      email: input.email.trim().toLowerCase(),
      sendInvitation: invitations === 'email',
      temporaryPassword,
    }).catch(asAdministrationError);
    const sub = await staffSub(client, userPoolId, input.email.trim().toLowerCase());
    return { created, sub, temporaryPassword: created ? temporaryPassword : undefined };
  },
  setScope: (input) => setStaffScope(client, userPoolId, input).catch(asAdministrationError),
  change: (email, change) =>
    changeStaffAccount(client, userPoolId, email, change, sessions).catch(asAdministrationError),
});

/** The real adapters of the administration, wired once per function instance. */
export const administrationPorts = (
  env: AdministrationPortsEnv,
): AdministrationDeps & OrganisationAdminDeps => {
  const db = dynamoDb();
  return {
    staff: cognitoStaffAccounts(
      traced(new CognitoIdentityProviderClient({})),
      env.USER_POOL_ID,
      env.STAFF_INVITATIONS === 'show' ? 'show' : 'email',
      staffSessionEnds(db, env.TABLE_STAFF),
    ),
    names: staffDirectory(db, env.TABLE_STAFF),
    contacts: kommunerRepository(db, env.TABLE_KOMMUNER),
    organisations: organisationsDirectory(db, env.TABLE_ORGANISATIONS),
    counters: kommunerRepository(db, env.TABLE_KOMMUNER),
    log: adminLog(db, env.TABLE_AUDIT),
    now: () => new Date(),
  };
};
