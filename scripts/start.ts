import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../infra/build-assets.ts';
import {
  type LocalPorts,
  localFunctionEnvironment,
  type RunningLocalStack,
  startLocalStack,
} from './local/local-stack.ts';
import { LocalStackError } from './local/services.ts';
import { demoSummary, seedDemoOnce } from './seed/seed-demo.ts';

/**
 * `npm start`: the whole system on this machine — DynamoDB Local, the SES stand-in, cognito-local,
 * tables, kommuner, demo users, the gateway and the scheduler — until Ctrl-C.
 *
 * Options: --demo (a demo programme to try, made once), --in-memory (DynamoDB keeps nothing), --no-scheduler, --stage <name>,
 * --state-dir <dir>, --stack-file <file>, --quiet.
 * Ports: PORT (3000), VENNER_DYNAMODB_PORT (8000), VENNER_SES_PORT (8005), VENNER_COGNITO_PORT (9229).
 */

const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    'no-scheduler': { type: 'boolean', default: false },
    stage: { type: 'string', default: 'local' },
    'state-dir': { type: 'string', default: path.join(projectRoot, '.local') },
    'stack-file': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
  },
});

const port = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name}=${raw} is not a port number: use a whole number from 1 to 65535.`);
    process.exit(1);
  }
  return value;
};

const ports: LocalPorts = {
  gateway: port('PORT', 3000),
  dynamodb: port('VENNER_DYNAMODB_PORT', 8000),
  ses: port('VENNER_SES_PORT', 8005),
  cognito: port('VENNER_COGNITO_PORT', 9229),
};

const stateDir = path.resolve(values['state-dir'] as string);
const stackFile = path.resolve(values['stack-file'] ?? path.join(stateDir, 'stack.json'));
const log = values.quiet ? () => undefined : (line: string) => console.log(line);

let stack: RunningLocalStack | undefined;
let stopping = false;

const shutdown = async (reason: string, code = 0) => {
  if (stopping) return;
  stopping = true;
  log(`\n${reason}: stopping the local stack…`);
  await stack?.stop();
  log('Stopped.');
  process.exit(code);
};

process.on('SIGINT', () => void shutdown('Ctrl-C'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

// `npm start` runs us under `sh -c`, which does not pass SIGTERM on; and a killed test run sends
// nothing at all. Either way we are re-parented: then stop, so no Java process is left behind.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) void shutdown('The process that started this stack is gone');
}, 500).unref();

const begin = performance.now();
log('Starting venner locally…');
try {
  stack = await startLocalStack({
    stage: values.stage as string,
    stateDir,
    inMemory: values['in-memory'] as boolean,
    ports,
    scheduler: !values['no-scheduler'],
    log,
  });
} catch (error) {
  if (error instanceof LocalStackError) {
    console.error(`\n${error.message}`);
  } else {
    console.error('\nThe local stack could not start:', error);
  }
  process.exit(1);
}

const { info } = stack;
mkdirSync(path.dirname(stackFile), { recursive: true });
writeFileSync(stackFile, `${JSON.stringify(info, null, 2)}\n`);

if (values.demo) {
  log('Seeding the demo programme (once; npm run seed -- --demo does the same) …');
  try {
    const env = localFunctionEnvironment(info);
    Object.assign(process.env, env);
    const report = await seedDemoOnce(env, {
      volunteers: 300,
      handovers: 250,
      seed: 2026,
      now: new Date(),
      log,
    });
    log(report === 'already-seeded' ? '  The demo programme is already there.' : `  ${demoSummary(report)}.`);
  } catch (error) {
    // The stack itself runs: say what went wrong and keep it up.
    console.error(`  Seeding the demo programme failed: ${error instanceof Error ? error.message : error}`);
  }
}

const seconds = ((performance.now() - begin) / 1000).toFixed(1);
log(`
venner is running (ready in ${seconds} s)

  Website        ${info.gatewayUrl}/
  Staff sign-in  ${info.gatewayUrl}/personale/log-ind
  Health         ${info.gatewayUrl}/health
  Mail viewer    ${info.mailViewerUrl}
  DynamoDB Local ${info.dynamodbEndpoint}${values['in-memory'] ? ' (in memory)' : ` (data in ${path.relative(process.cwd(), stateDir) || '.'}/dynamodb)`}
  cognito-local  ${info.cognitoEndpoint} (user pool ${info.userPoolId}, client ${info.userPoolClientId})

  Demo logins (password for all: ${info.demoLogins[0]?.password})
${info.demoLogins.map((d) => `    ${d.role.padEnd(12)} ${d.username.padEnd(28)} ${[...(d.centres ?? []).map((c) => `centre ${c}`), ...(d.groups ?? []).map((g) => `gruppe ${g}`), ...(d.kommuner ?? []).map((k) => `kommune ${k}`)].join(', ')}`).join('\n')}
  Add staff      npm run staff -- add --email <e-mail> --role caseworker --centre sandholm
  Groups         npm run organisations -- list   (the demo's groups come with --demo)
  Digest contacts npm run contacts -- list   (Allerød's demo contact: digest.alleroed@venner.local)

  Scheduler      ${stack.scheduler ? stack.scheduler.jobs.map((j) => `${j.job} (${j.pattern}, next ${j.next?.toISOString()})`).join(', ') : 'off'}
  Run a job now  npm run job -- <job> [--now 2026-11-23T07:00:00+01:00]
  Endpoints and ids for tools: ${path.relative(process.cwd(), stackFile)}

Press Ctrl-C to stop.`);
// The test setup waits for this exact line.
console.log(`VENNER_READY ${stackFile}`);
