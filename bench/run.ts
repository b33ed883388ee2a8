import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnLocalStack } from '../scripts/local/stack-process.ts';
import { benchDigest } from './digest.ts';
import { benchFunctions } from './functions.ts';
import { benchMatching } from './matching.ts';
import { benchSignup } from './signup.ts';

/**
 * `npm run bench`: the figures — how long a cold `npm start` takes to be ready and to stop, synth
 * time, each function's bundle size and cold init, sign-up latency, matching and the weekly
 * digest at national scale. Bounded, loopback only.
 */

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const coldStart = async () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'venner-bench-start-'));
  const begin = performance.now();
  const stack = await spawnLocalStack({
    stage: 'local',
    stateDir,
    args: ['--no-scheduler'],
    ports: { gateway: 3390, dynamodb: 8390, ses: 8395, cognito: 9590 },
  });
  const ready = performance.now() - begin;
  const stopBegin = performance.now();
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
  console.log(
    `\nCold npm start (fresh data folder) to ready: ${seconds(ready)}; stop to all stopped: ${seconds(performance.now() - stopBegin)}`,
  );
};

/** `npm run bench` runs every part; `npm run bench -- signup` (or another part's name) runs one. */
const parts: Record<string, () => Promise<void>> = {
  foundation: coldStart,
  functions: benchFunctions,
  signup: benchSignup,
  matching: benchMatching,
  digest: benchDigest,
};
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in parts));
if (unknown.length > 0) {
  console.error(`Unknown part ${unknown.join(', ')}. Parts: ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}
console.log(
  `venner benchmark on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
for (const name of chosen.length > 0 ? chosen : Object.keys(parts)) {
  console.log(`\n== ${name}`);
  await parts[name]?.();
}
