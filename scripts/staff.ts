import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { staffSessionEnds } from '../functions/adapters/staff-directory.ts';
import { projectRoot } from '../infra/build-assets.ts';
import { type Role, roleLabels } from '../shared/roles.ts';
import type { LocalStackInfo } from './local/local-stack.ts';
import {
  type AccountAction,
  accountActions,
  addStaffUser,
  changeStaffAccount,
  listStaffUsers,
  type SessionEnder,
  StaffUserError,
  setStaffScope,
} from './staff/staff-users.ts';

/**
 * `npm run staff -- <command>`: the administrator's command for staff users.
 *
 *   npm run staff -- add --email a@b.dk --role caseworker --centre sandholm
 *   npm run staff -- scope --email a@b.dk --role coordinator --kommune 101 --kommune 147
 *   npm run staff -- list
 *   npm run staff -- disable|enable|remove|reset-mfa|resend --email a@b.dk
 *
 * Against the running local stack by default (`.local/stack.json`); against a deployed user pool
 * with `--user-pool-id <id>` and `--staff-table <name>` (the stack outputs; region and credentials
 * from the AWS environment), where Cognito emails new users an invitation with a temporary password.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    centre: { type: 'string', multiple: true, default: [] },
    kommune: { type: 'string', multiple: true, default: [] },
    'user-pool-id': { type: 'string' },
    'staff-table': { type: 'string' },
    'stack-file': { type: 'string', default: path.join(projectRoot, '.local', 'stack.json') },
  },
});

const usage =
  'Brug: npm run staff -- add|scope --email <e-mail> --role caseworker|coordinator|admin [--centre <id>]... [--kommune <kode>]...\n' +
  '      npm run staff -- list\n' +
  '      npm run staff -- disable|enable|remove|reset-mfa|resend --email <e-mail>\n' +
  '      (på AWS: tilføj --user-pool-id <id> --staff-table <navn> fra stakkens outputs)';

const target = (): {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  local: boolean;
  sessions?: SessionEnder;
} => {
  if (values['user-pool-id']) {
    const table = values['staff-table'];
    return {
      client: new CognitoIdentityProviderClient({}),
      userPoolId: values['user-pool-id'],
      local: false,
      sessions: table
        ? staffSessionEnds(DynamoDBDocumentClient.from(new DynamoDBClient({})), table)
        : undefined,
    };
  }
  const stackFile = path.resolve(values['stack-file'] as string);
  if (!existsSync(stackFile)) {
    console.error('Ingen lokal stak fundet: start den med "npm start", eller angiv --user-pool-id.');
    process.exit(1);
  }
  const info = JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStackInfo;
  return {
    client: new CognitoIdentityProviderClient({
      region: 'eu-north-1',
      endpoint: info.cognitoEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    userPoolId: info.userPoolId,
    local: true,
    sessions: staffSessionEnds(
      DynamoDBDocumentClient.from(
        new DynamoDBClient({
          region: info.region,
          endpoint: info.dynamodbEndpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      ),
      info.tables.staff,
    ),
  };
};

const [command] = positionals;
try {
  const { client, userPoolId, local, sessions } = target();
  if (accountActions.includes(command as AccountAction)) {
    if (!values.email) {
      console.error(usage);
      process.exit(2);
    }
    console.log(
      await changeStaffAccount(client, userPoolId, values.email, command as AccountAction, sessions),
    );
  } else if (command === 'list') {
    for (const user of await listStaffUsers(client, userPoolId)) {
      const scope = [...user.centres.map((c) => `center ${c}`), ...user.kommuner.map((k) => `kommune ${k}`)];
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
    // Locally nobody receives an invitation, so the temporary password is made and printed here.
    const temporaryPassword = local ? `Midl-${randomBytes(6).toString('base64url')}-7a!` : undefined;
    const spec = {
      email: values.email.trim().toLowerCase(),
      role: values.role as Role,
      centres: values.centre as string[],
      kommuner: values.kommune as string[],
      sendInvitation: !local,
      temporaryPassword,
    };
    if (command === 'add') {
      const created = await addStaffUser(client, userPoolId, spec);
      console.log(
        created
          ? `Oprettet: ${spec.email} som ${roleLabels[spec.role]}.${local ? ` Midlertidig adgangskode (skal skiftes ved første login): ${temporaryPassword}` : ' Cognito sender en invitation med en midlertidig adgangskode.'}`
          : `${spec.email} fandtes allerede; rolle og omfang er opdateret.`,
      );
    } else {
      await setStaffScope(client, userPoolId, spec);
      console.log(`Rolle og omfang for ${spec.email} er opdateret. Det gælder fra næste login.`);
    }
  } else {
    console.error(usage);
    process.exit(2);
  }
} catch (error) {
  if (error instanceof StaffUserError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`Det lykkedes ikke: ${(error as Error).message}`);
  process.exit(1);
}
