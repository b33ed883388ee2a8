import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adminLog } from '../functions/adapters/audit-repository.ts';
import { kommunerRepository } from '../functions/adapters/kommuner-repository.ts';
import {
  type AdministrationDeps,
  addDigestContact,
  removeDigestContact,
  setQuietDigest,
} from '../functions/domain/administration.ts';
import { quietDigestOptions } from '../functions/domain/kommune-digest.ts';
import { referenceKommuner } from '../functions/domain/reference-kommuner.ts';
import { projectRoot } from '../infra/build-assets.ts';
import { emailAddressSchema } from '../shared/volunteer-contract.ts';
import { localDocumentClient, readStackFile } from './local/stack-file.ts';

/**
 * `npm run contacts -- <add|remove|list|quiet>`: the administrator's command for who gets each
 * kommune's weekly digest, and what a kommune gets in a week with nothing new.
 *
 *   npm run contacts -- add --kommune 201 --email integration@alleroed.dk
 *   npm run contacts -- remove --kommune 201 --email integration@alleroed.dk
 *   npm run contacts -- list [--kommune 201]
 *   npm run contacts -- quiet --kommune 201 --setting none    (short: a short digest; none: nothing)
 *
 * Against the running local stack by default (`.local/stack.json`); against a deployed kommuner
 * table with `--table <name>` (region and credentials from the AWS environment).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kommune: { type: 'string' },
    email: { type: 'string' },
    setting: { type: 'string' },
    table: { type: 'string' },
    'audit-table': { type: 'string' },
    'stack-file': { type: 'string', default: path.join(projectRoot, '.local', 'stack.json') },
  },
});

const usage =
  'Brug: npm run contacts -- add|remove --kommune <kode> --email <e-mail>\n' +
  '      npm run contacts -- list [--kommune <kode>]\n' +
  '      npm run contacts -- quiet --kommune <kode> --setting short|none\n' +
  '      (på AWS: tilføj --table <kommunetabel> --audit-table <audittabel> fra stakkens outputs)';

const fail = (message: string, code = 2): never => {
  console.error(message);
  process.exit(code);
};

const names = new Map(referenceKommuner().map((k) => [k.code, k.name]));

const target = () => {
  if (values.table) {
    if (!values['audit-table'])
      fail(
        'Angiv også --audit-table <navn> (stakkens output): hver ændring skrives i administrationsloggen.',
      );
    return {
      db: DynamoDBDocumentClient.from(new DynamoDBClient({})),
      table: values.table,
      auditTable: values['audit-table'] as string,
    };
  }
  const info =
    readStackFile(path.resolve(values['stack-file'] as string)) ??
    fail('Ingen lokal stak fundet: start den med "npm start", eller angiv --table.', 1);
  return { db: localDocumentClient(info), table: info.tables.kommuner, auditTable: info.tables.audit };
};

const kommuneArg = () => {
  const code = values.kommune ?? fail(usage);
  if (!names.has(code)) fail(`Kommunekoden ${code} findes ikke (fx 101 for København, 201 for Allerød).`);
  return code;
};

const { db, table, auditTable } = target();
const kommuner = kommunerRepository(db, table);
// The same use cases as the administration screen, so a change made here is in its log too.
const deps: AdministrationDeps = {
  staff: {
    list: async () => [],
    create: async () => fail('npm run staff'),
    setScope: async () => fail('npm run staff'),
    change: async () => fail('npm run staff'),
  },
  names: { setName: async () => {} },
  contacts: kommuner,
  log: adminLog(db, auditTable),
  now: () => new Date(),
};
const actor = { sub: 'npm-run-contacts', name: `npm run contacts (${userInfo().username})` };
const [command] = positionals;

try {
  if (command === 'list') {
    const contacts = (await kommuner.listDigestContacts()).filter(
      (c) => !values.kommune || c.kommuneCode === values.kommune,
    );
    if (contacts.length === 0) console.log('Ingen modtagere af ugens oversigt.');
    for (const c of contacts)
      console.log(`${c.kommuneCode} ${(names.get(c.kommuneCode) ?? '').padEnd(20)} ${c.email}`);
  } else if (command === 'add' || command === 'remove') {
    const code = kommuneArg();
    const email = emailAddressSchema.safeParse(values.email ?? '');
    if (!email.success) fail('Skriv en gyldig e-mailadresse med --email.');
    const address = email.data as string;
    if (command === 'add') {
      await addDigestContact(deps, actor, code, address);
      console.log(`${address} får nu ugens oversigt for ${names.get(code)}.`);
    } else if (await removeDigestContact(deps, actor, code, address)) {
      console.log(`${address} får ikke længere ugens oversigt for ${names.get(code)}.`);
    } else {
      fail(`${address} var ikke modtager for ${names.get(code)}.`, 1);
    }
  } else if (command === 'quiet') {
    const code = kommuneArg();
    const setting = values.setting as (typeof quietDigestOptions)[number];
    if (!quietDigestOptions.includes(setting))
      fail('Angiv --setting short (en kort oversigt) eller none (ingen).');
    await setQuietDigest(deps, actor, code, setting);
    console.log(
      `${names.get(code)} får ${setting === 'none' ? 'ingen oversigt' : 'en kort oversigt'} i uger uden nyt.`,
    );
  } else {
    fail(usage);
  }
} catch (error) {
  fail(`Det lykkedes ikke: ${(error as Error).message}`, 1);
}
