import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDir, projectRoot } from '../scripts/build-assets.ts';
import { envNames } from '../shared/env.ts';
import { type FunctionId, functionIds } from '../shared/functions.ts';
import { median, ms, seconds } from './figures.ts';

/**
 * Each function's bundle as CDK builds it (cdk synth: esbuild, minified ESM): its size, and its
 * cold init: a fresh Node process that imports the bundle against a fresh Node process that
 * imports nothing, alternated in the same run. The AWS SDK is not in the bundles (the Lambda
 * runtime provides it), so the import loads it from node_modules, as the runtime would load its
 * own copy: the SDK's load time counts.
 */

const bundleTargetKiB = 300;
const initTargetMs = 60;
const runsPerFunction = 15;

interface FunctionBundle {
  readonly id: FunctionId;
  /** The bundle copied under the project (so the SDK resolves from node_modules). */
  readonly file: string;
  readonly bytes: number;
}

/** Runs `cdk synth` for the dev stage into a temporary folder; returns how long it took and the bundles. */
const synthesise = async (): Promise<{ ms: number; bundles: FunctionBundle[] }> => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'venner-bench-cdk-'));
  try {
    const begin = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          path.join(projectRoot, 'node_modules', 'aws-cdk', 'bin', 'cdk'),
          'synth',
          '--quiet',
          '--output',
          outdir,
        ],
        { cwd: projectRoot, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' }, stdio: 'inherit' },
      );
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cdk synth exited ${code}`))));
    });
    const ms = performance.now() - begin;
    const template = JSON.parse(
      readFileSync(path.join(outdir, 'venner-dev-stateless.template.json'), 'utf8'),
    );
    const copies = path.join(buildDir, 'bench-bundles');
    rmSync(copies, { recursive: true, force: true });
    const bundles: FunctionBundle[] = [];
    for (const resource of Object.values(template.Resources) as {
      Type: string;
      Properties: { FunctionName: string; Code: { S3Key: string } };
    }[]) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const id = functionIds.find((fn) => resource.Properties.FunctionName === `venner-dev-${fn}`);
      if (!id) continue;
      const source = path.join(
        outdir,
        `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`,
        'index.mjs',
      );
      const file = path.join(copies, id, 'index.mjs');
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(source, file);
      bundles.push({ id, file, bytes: statSync(file).size });
    }
    return { ms, bundles: bundles.sort((a, b) => a.id.localeCompare(b.id)) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

/** Plausible values for a function's variables (its start-up parses them; nothing is called). */
const environmentFor = (id: FunctionId): Record<string, string> => {
  const values: Record<string, string> = {
    STAGE: 'bench',
    PUBLIC_BASE_URL: 'https://venner.example.dk',
    SES_FROM_ADDRESS: 'noreply@venner.example.dk',
    SES_CONFIGURATION_SET: 'venner-bench',
    USER_POOL_ID: 'eu-north-1_bench',
    USER_POOL_CLIENT_ID: 'bench',
    COGNITO_ISSUER: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_bench',
    SIGNUP_RATE_LIMIT: '20',
  };
  return Object.fromEntries(
    envNames(id).map((name) => [name, values[name] ?? `venner-bench-${name.toLowerCase()}`]),
  );
};

/** Wall time of one fresh `node` process that imports `file` (or nothing) and exits. */
const processTime = (file: string | undefined, env: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        file ? `await import(${JSON.stringify(file)}); process.exit(0);` : 'process.exit(0);',
      ],
      {
        cwd: projectRoot,
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'eu-north-1',
          AWS_LAMBDA_FUNCTION_NAME: 'bench',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) =>
      code === 0
        ? resolve(performance.now() - begin)
        : reject(new Error(`import of ${file} failed:\n${stderr}`)),
    );
  });

/**
 * Medians of `runsPerFunction` fresh processes importing `file` and as many bare ones, alternated
 * (after one uncounted import that warms the file system cache), and their difference: the init.
 */
const measureInit = async (file: string, env: Record<string, string>) => {
  await processTime(file, env);
  const imported: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runsPerFunction; i++) {
    bare.push(await processTime(undefined, env));
    imported.push(await processTime(file, env));
  }
  return { imported: median(imported), bare: median(bare), init: median(imported) - median(bare) };
};

const printRow = (label: string, size: string, m: Awaited<ReturnType<typeof measureInit>>) =>
  console.log(
    `  ${label.padEnd(24)} ${size.padStart(10)} ${ms(m.imported).padStart(9)} ${ms(m.bare).padStart(8)} ${ms(m.init).padStart(8)}`,
  );

export const benchFunctions = async (): Promise<void> => {
  const { ms: synthMs, bundles } = await synthesise();
  console.log(`\ncdk synth (dev stage, ${bundles.length} bundles, cdk-nag): ${seconds(synthMs)}`);
  console.log(
    `\nEach function: bundle size, and cold init = median of ${runsPerFunction} fresh processes importing it − median of as many bare ones, alternated`,
  );
  console.log(
    `  ${'function'.padEnd(24)} ${'bundle'.padStart(10)} ${'import'.padStart(9)} ${'bare'.padStart(8)} ${'init'.padStart(8)}`,
  );
  let biggest = 0;
  let slowest = 0;
  for (const bundle of bundles) {
    const measured = await measureInit(bundle.file, environmentFor(bundle.id));
    const kib = bundle.bytes / 1024;
    biggest = Math.max(biggest, kib);
    slowest = Math.max(slowest, measured.init);
    printRow(bundle.id, `${kib.toFixed(1)} KiB`, measured);
  }
  // The floor under every function that touches a table: the AWS SDK's DynamoDB clients alone.
  const sdkOnly = path.join(buildDir, 'bench-bundles', 'sdk-only.mjs');
  writeFileSync(sdkOnly, "import '@aws-sdk/client-dynamodb'; import '@aws-sdk/lib-dynamodb';\n");
  printRow('(DynamoDB SDK alone)', '', await measureInit(sdkOnly, {}));
  console.log(
    `\nLargest bundle ${biggest.toFixed(1)} KiB (target ≤ ${bundleTargetKiB} KiB: ${biggest <= bundleTargetKiB ? 'met' : 'NOT met'}); slowest init ${slowest.toFixed(1)} ms over bare Node (target ≤ ${initTargetMs} ms: ${slowest <= initTargetMs ? 'met' : 'NOT met'})`,
  );
  rmSync(path.join(buildDir, 'bench-bundles'), { recursive: true, force: true });
};
