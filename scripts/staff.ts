import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cognitoStaffAccounts } from '../functions/adapters/administration-ports.ts';
import { adminLog } from '../functions/adapters/audit-repository.ts';
import { staffDirectory, staffSessionEnds } from '../functions/adapters/staff-directory.ts';
import { type SessionEnder, StaffUserError, validateStaffUser } from '../functions/adapters/staff-users.ts';
import {
  type AccountChange,
  AdministrationError,
  type AdminLog,
  accountChanges,
  changeStaffAccount,
  changeStaffScope,
  createStaffUser,
  type DigestContacts,
} from '../functions/domain/administration.ts';
import { projectRoot } from '../infra/build-assets.ts';
import { type Role, roleLabels } from '../shared/roles.ts';
import { localDocumentClient, readStackFile } from './local/stack-file.ts';

/**
 * `npm run staff -- <command>`: the administrator's command for staff users.
 *
 *   npm run staff -- add --email a@b.dk --name "Anne Berg" --role caseworker --centre sandholm
 *   npm run staff -- scope --email a@b.dk --role coordinator --group rk-aarhus --group dfh-aarhus
 *   npm run staff -- scope --email a@b.dk --role coordinator --kommune 101 --kommune 147
 *   npm run staff -- list
 *   npm run staff -- disable|enable|remove|reset-mfa|resend --email a@b.dk
 *
 * Against the running local stack by default (`.local/stack.json`); against a deployed user pool
 * with `--user-pool-id <id>`, `--staff-table <name>` and `--audit-table <name>` (the stack outputs;
 * region and credentials from the AWS environment), where Cognito emails new users an invitation
 * with a temporary password. The same use cases as the administration screen, in the same log.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    centre: { type: 'string', multiple: true, default: [] },
    kommune: { type: 'string', multiple: true, default: [] },
    group: { type: 'string', multiple: true, default: [] },
    'user-pool-id': { type: 'string' },
    'staff-table': { type: 'string' },
    'audit-table': { type: 'string' },
    'stack-file': { type: 'string', default: path.join(projectRoot, '.local', 'stack.json') },
  },
});

const usage =
  'Brug: npm run staff -- add|scope --email <e-mail> [--name <fulde navn>] --role caseworker|coordinator|admin [--centre <id>]... [--group <gruppe-id>]... [--kommune <kode>]...\n' +
  '      npm run staff -- list\n' +
  '      npm run staff -- disable|enable|remove|reset-mfa|resend --email <e-mail>\n' +
  '      (på AWS: tilføj --user-pool-id <id> --staff-table <navn> --audit-table <navn> fra stakkens outputs)';

/** The command changes no digest contacts (that is `npm run contacts`). */
const noContacts: DigestContacts = {
  listDigestContacts: async () => [],
  addDigestContact: async () => {
    throw new Error('npm run contacts');
  },
  removeDigestContact: async () => false,
  setQuietDigest: async () => {},
};

const target = (): {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  local: boolean;
  sessions?: SessionEnder;
  log: AdminLog;
  names: { setName(sub: string, name: string): Promise<void> };
} => {
  if (values['user-pool-id']) {
    const table = values['staff-table'];
    const auditTable = values['audit-table'];
    if (!auditTable) {
      console.error(
        'Angiv --audit-table <navn> (stakkens output): hver ændring skrives i administrationsloggen.',
      );
      process.exit(2);
    }
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    return {
      client: new CognitoIdentityProviderClient({}),
      userPoolId: values['user-pool-id'],
      local: false,
      sessions: table ? staffSessionEnds(db, table) : undefined,
      log: adminLog(db, auditTable),
      names: table
        ? staffDirectory(db, table)
        : {
            setName: async () =>
              console.warn(
                'Navnet er sat i Cognito; angiv --staff-table for at gemme det i venner med det samme.',
              ),
          },
    };
  }
  const info = readStackFile(path.resolve(values['stack-file'] as string));
  if (!info) {
    console.error('Ingen lokal stak fundet: start den med "npm start", eller angiv --user-pool-id.');
    process.exit(1);
  }
  return {
    client: new CognitoIdentityProviderClient({
      region: 'eu-north-1',
      endpoint: info.cognitoEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    userPoolId: info.userPoolId,
    local: true,
    sessions: staffSessionEnds(localDocumentClient(info), info.tables.staff),
    log: adminLog(localDocumentClient(info), info.tables.audit),
    names: staffDirectory(localDocumentClient(info), info.tables.staff),
  };
};

const [command] = positionals;
try {
  const { client, userPoolId, local, sessions, log, names } = target();
  // The same use cases as the administration screen, so a change made here is in its log too.
  const deps = {
    staff: cognitoStaffAccounts(client, userPoolId, local ? 'show' : 'email', sessions),
    names,
    contacts: noContacts,
    log,
    now: () => new Date(),
  };
  const actor = { sub: 'npm-run-staff', name: `npm run staff (${userInfo().username})` };
  if (accountChanges.includes(command as AccountChange)) {
    if (!values.email) {
      console.error(usage);
      process.exit(2);
    }
    console.log(await changeStaffAccount(deps, actor, values.email, command as AccountChange));
  } else if (command === 'list') {
    for (const user of await deps.staff.list()) {
      const scope = [
        ...user.centres.map((c) => `center ${c}`),
        ...user.groups.map((g) => `gruppe ${g}`),
        ...user.kommuner.map((k) => `kommune ${k}`),
      ];
      console.log(
        `${user.email.padEnd(36)} ${user.roles
          .map((r) => roleLabels[r])
          .join(', ')
          .padEnd(28)} ${scope.join(', ')} ${user.status === 'CONFIRMED' ? '' : `(${user.status})`}`,
      );
    }
  } else if (command === 'add' || command === 'scope') {
    if (!values.email || !values.role) {
      console.error(usage);
      process.exit(2);
    }
    const input = {
      email: values.email.trim().toLowerCase(),
      name: values.name?.trim() || undefined,
      role: values.role as Role,
      centres: values.centre as string[],
      kommuner: values.kommune as string[],
      groups: values.group as string[],
    };
    validateStaffUser(input);
    if (command === 'add') {
      // Locally nobody receives an invitation, so the temporary password is made and printed here.
      const { created, temporaryPassword } = await createStaffUser(deps, actor, input);
      console.log(
        created
          ? `Oprettet: ${input.email} som ${roleLabels[input.role]}.${temporaryPassword ? ` Midlertidig adgangskode (skal skiftes ved første login): ${temporaryPassword}` : ' Cognito sender en invitation med en midlertidig adgangskode.'}`
          : `${input.email} fandtes allerede; rolle og omfang er opdateret.`,
      );
    } else {
      await changeStaffScope(deps, actor, input);
      console.log(`Rolle og omfang for ${input.email} er opdateret. Det gælder fra næste login.`);
    }
  } else {
    console.error(usage);
    process.exit(2);
  }
} catch (error) {
  if (error instanceof StaffUserError || error instanceof AdministrationError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`Det lykkedes ikke: ${(error as Error).message}`);
  process.exit(1);
}
