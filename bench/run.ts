import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../scripts/build-assets.ts';
import { spawnLocalStack } from '../scripts/local/stack-process.ts';
import { benchDigest } from './digest.ts';
import { benchMatching } from './matching.ts';
import { benchSignup } from './signup.ts';

/**
 * `npm run bench`: the figures — synth time, each function bundle's size, how long a cold
 * `npm start` takes to be ready and to stop, and sign-up latency. Bounded, loopback only.
 */

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<number>((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(command, args, {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(performance.now() - begin) : reject(new Error(`${command} exited ${code}`)),
    );
  });

const synth = async () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'venner-bench-cdk-'));
  const ms = await run(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--output', outdir],
    {
      CDK_DISABLE_VERSION_CHECK: '1',
    },
  );
  console.log(`\ncdk synth (both stacks, every bundle, cdk-nag): ${seconds(ms)}`);
  const template = JSON.parse(readFileSync(path.join(outdir, 'venner-dev-stateless.template.json'), 'utf8'));
  const rows: [string, number][] = [];
  for (const resource of Object.values(template.Resources) as {
    Type: string;
    Properties: { FunctionName: string; Code: { S3Key: string } };
  }[]) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const key = resource.Properties.Code.S3Key.replace(/\.zip$/, '');
    const bundle = path.join(outdir, `asset.${key}`, 'index.mjs');
    rows.push([resource.Properties.FunctionName, statSync(bundle).size]);
  }
  console.log('\nBundle sizes (index.mjs, minified, AWS SDK from the runtime):');
  for (const [name, size] of rows.sort())
    console.log(`  ${name.padEnd(32)} ${(size / 1024).toFixed(1).padStart(7)} KiB`);
  rmSync(outdir, { recursive: true, force: true });
};

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

/** `npm run bench` runs every part; `npm run bench -- signup` (or foundation) runs one. */
const parts: Record<string, () => Promise<void>> = {
  foundation: async () => {
    await synth();
    await coldStart();
  },
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
