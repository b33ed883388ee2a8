import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../infra/build-assets.ts';
import { type LocalStackInfo, localFunctionEnvironment } from './local/local-stack.ts';
import { demoSummary, seedDemoOnce } from './seed/seed-demo.ts';

/**
 * `npm run seed -- --demo [--volunteers 300] [--handovers 250] [--seed 2026]`: fills the running
 * local stack (`npm start`) with a realistic programme through the real use cases, once.
 * `npm start -- --demo` does the same as it starts.
 */
const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    volunteers: { type: 'string', default: '300' },
    handovers: { type: 'string', default: '250' },
    seed: { type: 'string', default: '2026' },
    'stack-file': { type: 'string', default: path.join(projectRoot, '.local', 'stack.json') },
  },
});

const count = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10000) {
    console.error(`--${name} ${raw}: use a whole number from 0 to 10000.`);
    process.exit(2);
  }
  return n;
};

if (!values.demo) {
  console.error('Say what to seed: npm run seed -- --demo (a demo programme for the local stack).');
  process.exit(2);
}
const stackFile = path.resolve(values['stack-file'] as string);
if (!existsSync(stackFile)) {
  console.error(
    `No local stack found (${path.relative(process.cwd(), stackFile)}): start it with "npm start" first.`,
  );
  process.exit(1);
}
const info = JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStackInfo;
const env = localFunctionEnvironment(info);
Object.assign(process.env, env, { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN' });

const begin = performance.now();
console.log('Seeding the demo programme …');
try {
  const report = await seedDemoOnce(env, {
    volunteers: count('volunteers', values.volunteers),
    handovers: count('handovers', values.handovers),
    seed: count('seed', values.seed),
    now: new Date(),
    log: (line) => console.log(line),
  });
  if (report === 'already-seeded') {
    console.log(
      'The stack already has its demo programme: nothing added (start afresh with --in-memory, or delete .local).',
    );
  } else {
    console.log(`Done in ${Math.round((performance.now() - begin) / 1000)} s: ${demoSummary(report)}.`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    /ECONNREFUSED|fetch failed/.test(message)
      ? 'The local stack does not answer: is "npm start" still running?'
      : `Seeding failed: ${message}`,
  );
  process.exit(1);
}
