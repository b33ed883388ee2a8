import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../infra/build-assets.ts';
import { schedules } from '../shared/schedules.ts';
import { type LocalStackInfo, localFunctionEnvironment, sourceHandlerLoader } from './local/local-stack.ts';
import { invokeJob } from './local/scheduler.ts';

/**
 * `npm run job -- <job> [--now <ISO date>]`: runs a scheduled job now against the running local
 * stack (the endpoints come from `.local/stack.json`, written by `npm start`).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    now: { type: 'string' },
    'stack-file': { type: 'string', default: path.join(projectRoot, '.local', 'stack.json') },
  },
});

const jobList = schedules.map((s) => s.job).join(', ');
const [job] = positionals;
if (!job) {
  console.error(`Name a job: npm run job -- <job> [--now 2026-11-23T07:00:00+01:00]. Jobs: ${jobList}`);
  process.exit(2);
}
const stackFile = path.resolve(values['stack-file'] as string);
if (!existsSync(stackFile)) {
  console.error(
    `No local stack found (${path.relative(process.cwd(), stackFile)}): start it with "npm start" first.`,
  );
  process.exit(1);
}
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`--now ${values.now} is not a date: use ISO 8601, e.g. 2026-11-23T07:00:00+01:00.`);
  process.exit(2);
}

const info = JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStackInfo;
Object.assign(process.env, localFunctionEnvironment(info), {
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
});

try {
  const begin = performance.now();
  const result = await invokeJob(sourceHandlerLoader, job, now);
  console.log(`Job ${job} ran as of ${now.toISOString()} in ${Math.round(performance.now() - begin)} ms:`);
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|fetch failed/.test(message) || (error as { code?: string }).code === 'ECONNREFUSED') {
    console.error('The local stack does not answer: is "npm start" still running?');
  } else {
    console.error(`Job ${job} failed: ${message}`);
  }
  process.exit(1);
}
