import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adminLog } from '../functions/adapters/audit-repository.ts';
import { kommunerRepository } from '../functions/adapters/kommuner-repository.ts';
import { organisationsDirectory } from '../functions/adapters/organisations-repository.ts';
import {
  activateGroupLogged,
  type OrganisationAdminDeps,
  saveGroupLogged,
  saveOrganisationLogged,
} from '../functions/domain/administration.ts';
import { DomainError } from '../functions/domain/errors.ts';
import { kommuneNameOf } from '../functions/domain/reference-kommuner.ts';
import { projectRoot } from '../infra/build-assets.ts';
import {
  localGroupInputSchema,
  organisationInputSchema,
  organisationsFileSchema,
} from '../shared/organisations-contract.ts';
import { localDocumentClient, readStackFile } from './local/stack-file.ts';

/**
 * `npm run organisations -- <list|import|activate>`: the administrator's command for
 * organisations and their local groups (the same use cases, and log, as the administration screen).
 *
 *   npm run organisations -- list
 *   npm run organisations -- import --file groups.json   ({ "organisations": [...], "groups": [...] }, upserted)
 *   npm run organisations -- activate --group rk-aarhus --kommune 706
 *
 * Against the running local stack by default (`.local/stack.json`); against AWS with
 * `--table <organisations table> --kommuner-table <name> --audit-table <name>` (the stack outputs).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' },
    group: { type: 'string' },
    kommune: { type: 'string' },
    table: { type: 'string' },
    'kommuner-table': { type: 'string' },
    'audit-table': { type: 'string' },
    'stack-file': { type: 'string', default: path.join(projectRoot, '.local', 'stack.json') },
  },
});

const usage =
  'Brug: npm run organisations -- list\n' +
  '      npm run organisations -- import --file <fil.json>\n' +
  '      npm run organisations -- activate --group <gruppe-id> --kommune <kode>\n' +
  '      (på AWS: tilføj --table <organisationstabel> --kommuner-table <navn> --audit-table <navn>)';

const fail = (message: string, code = 2): never => {
  console.error(message);
  process.exit(code);
};

const target = () => {
  if (values.table) {
    if (!values['audit-table'] || !values['kommuner-table'])
      fail('Angiv også --kommuner-table og --audit-table (stakkens outputs).');
    return {
      db: DynamoDBDocumentClient.from(new DynamoDBClient({})),
      tables: {
        organisations: values.table,
        kommuner: values['kommuner-table'] as string,
        audit: values['audit-table'] as string,
      },
    };
  }
  const info =
    readStackFile(path.resolve(values['stack-file'] as string)) ??
    fail('Ingen lokal stak fundet: start den med "npm start", eller angiv --table.', 1);
  return { db: localDocumentClient(info), tables: info.tables };
};

const { db, tables } = target();
const deps: OrganisationAdminDeps = {
  organisations: organisationsDirectory(db, tables.organisations),
  counters: kommunerRepository(db, tables.kommuner),
  log: adminLog(db, tables.audit),
  now: () => new Date(),
};
const actor = { sub: 'npm-run-organisations', name: `npm run organisations (${userInfo().username})` };
const [command] = positionals;

/** Zod's issues on one entry, as one line the administrator can act on. */
const problemOf = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  issues.map((issue) => `${issue.path.join('.') || '(hele posten)'}: ${issue.message}`).join('; ');

try {
  if (command === 'list') {
    const { organisations, groups } = await deps.organisations.all();
    if (organisations.length === 0) console.log('Ingen organisationer endnu.');
    for (const organisation of organisations) {
      console.log(`${organisation.name} (${organisation.id})`);
      for (const g of groups.filter((group) => group.organisationId === organisation.id))
        console.log(
          `  ${g.id.padEnd(24)} ${g.active ? 'aktiv ' : 'hviler'} ${g.name}: ${g.kommuner.map(kommuneNameOf).join(', ')}`,
        );
    }
  } else if (command === 'import') {
    const file = values.file ?? fail(usage);
    const parsed = organisationsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) fail(`${file}: skal have "organisations" og "groups" (lister).`);
    const { organisations = [], groups = [] } = parsed.data ?? {};
    let saved = 0;
    const problems: string[] = [];
    // Organisations first: a group names its organisation.
    for (const [index, entry] of organisations.entries()) {
      const input = organisationInputSchema.safeParse(entry);
      if (!input.success) problems.push(`organisations[${index}]: ${problemOf(input.error.issues)}`);
      else {
        await saveOrganisationLogged(deps, actor, input.data);
        saved++;
      }
    }
    for (const [index, entry] of groups.entries()) {
      const input = localGroupInputSchema.safeParse(entry);
      if (!input.success) {
        problems.push(`groups[${index}]: ${problemOf(input.error.issues)}`);
        continue;
      }
      try {
        await saveGroupLogged(deps, actor, input.data);
        saved++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push(`groups[${index}] (${input.data.id}): ${error.message}`);
      }
      if ((index + 1) % 50 === 0) console.log(`… ${index + 1} af ${groups.length} grupper`);
    }
    console.log(`Gemt: ${saved}. Sprunget over: ${problems.length}.`);
    for (const problem of problems) console.error(`  ${problem}`);
    if (problems.length) process.exit(1);
  } else if (command === 'activate') {
    if (!values.group || !values.kommune) fail(usage);
    const group = await activateGroupLogged(deps, actor, values.group as string, values.kommune as string);
    console.log(`${group.name} er aktiv og dækker nu ${kommuneNameOf(values.kommune as string)}.`);
  } else {
    fail(usage);
  }
} catch (error) {
  if (error instanceof DomainError) fail(error.message, 1);
  throw error;
}
