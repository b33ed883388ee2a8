import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDir, projectRoot } from '../infra/build-assets.ts';
import { type FunctionId, functionIds } from '../shared/functions.ts';
import { bundleDirOf, plausibleEnvironment } from '../test/support/function-bundles.ts';
import { median, ms, seconds } from './figures.ts';

/**
 * Each function's bundle as CDK builds it (cdk synth: esbuild, minified CommonJS): its size, and
 * its cold init: a fresh Node process that loads the bundle as the Lambda runtime does (require,
 * with the function's NODE_OPTIONS from the template, so loading the source map counts) against a
 * fresh Node process that loads nothing with the same options, alternated in the same run. The
 * AWS SDK is not in the bundles (the Lambda runtime provides it), so the bundle loads it from
 * node_modules, as the runtime would load its own copy: the SDK's load time counts.
 */

const bundleTargetKiB = 300;
const initTargetMs = 60;
const runsPerFunction = 15;
/** The stage synthesised: the example one, which needs no account (infra/stages.ts). */
const benchStage = 'example';

interface FunctionBundle {
  readonly id: FunctionId;
  /** The bundle copied under the project (so the SDK resolves from node_modules). */
  readonly file: string;
  readonly bytes: number;
  /** The function's NODE_OPTIONS in the template. */
  readonly nodeOptions: string;
}

/** Runs `cdk synth` for the example stage into a temporary folder; returns how long it took and the bundles. */
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
          '-c',
          `stage=${benchStage}`,
          '--output',
          outdir,
        ],
        { cwd: projectRoot, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' }, stdio: 'inherit' },
      );
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cdk synth exited ${code}`))));
    });
    const ms = performance.now() - begin;
    const template = JSON.parse(
      readFileSync(path.join(outdir, `venner-${benchStage}-stateless.template.json`), 'utf8'),
    );
    const copies = path.join(buildDir, 'bench-bundles');
    rmSync(copies, { recursive: true, force: true });
    const bundles: FunctionBundle[] = [];
    // The copies sit under the project, whose package.json says ESM; on Lambda no package.json
    // sits beside the bundle, so it is CommonJS.
    mkdirSync(copies, { recursive: true });
    writeFileSync(path.join(copies, 'package.json'), '{ "type": "commonjs" }\n');
    for (const resource of Object.values(template.Resources) as {
      Type: string;
      Properties: {
        FunctionName: string;
        Code: { S3Key: string };
        Environment: { Variables: Record<string, string> };
      };
    }[]) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const id = functionIds.find((fn) => resource.Properties.FunctionName === `venner-${benchStage}-${fn}`);
      if (!id) continue;
      const asset = bundleDirOf(outdir, resource.Properties.Code);
      const file = path.join(copies, id, 'index.js');
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(path.join(asset, 'index.js'), file);
      copyFileSync(path.join(asset, 'index.js.map'), `${file}.map`);
      bundles.push({
        id,
        file,
        bytes: statSync(file).size,
        nodeOptions: resource.Properties.Environment.Variables.NODE_OPTIONS ?? '',
      });
    }
    return { ms, bundles: bundles.sort((a, b) => a.id.localeCompare(b.id)) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

/** Wall time of one fresh `node` process that requires `file` (or nothing) and exits. */
const processTime = (file: string | undefined, env: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(
      process.execPath,
      ['-e', file ? `require(${JSON.stringify(file)}); process.exit(0);` : 'process.exit(0);'],
      {
        cwd: projectRoot,
        env: { PATH: process.env.PATH ?? '', ...env },
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
  console.log(`\ncdk synth (example stage, ${bundles.length} bundles, cdk-nag): ${seconds(synthMs)}`);
  console.log(
    `\nEach function: bundle size, and cold init = median of ${runsPerFunction} fresh processes loading it as Lambda does (require, its NODE_OPTIONS) − median of as many bare ones (same options), alternated`,
  );
  console.log(
    `  ${'function'.padEnd(24)} ${'bundle'.padStart(10)} ${'import'.padStart(9)} ${'bare'.padStart(8)} ${'init'.padStart(8)}`,
  );
  let biggest = 0;
  let slowest = 0;
  for (const bundle of bundles) {
    const measured = await measureInit(bundle.file, {
      ...plausibleEnvironment(bundle.id),
      NODE_OPTIONS: bundle.nodeOptions,
    });
    const kib = bundle.bytes / 1024;
    biggest = Math.max(biggest, kib);
    slowest = Math.max(slowest, measured.init);
    printRow(bundle.id, `${kib.toFixed(1)} KiB`, measured);
  }
  // The floor under every function that touches a table: the AWS SDK's DynamoDB clients alone.
  const sdkOnly = path.join(buildDir, 'bench-bundles', 'sdk-only.js');
  writeFileSync(sdkOnly, "require('@aws-sdk/client-dynamodb'); require('@aws-sdk/lib-dynamodb');\n");
  printRow('(DynamoDB SDK alone)', '', await measureInit(sdkOnly, {}));
  console.log(
    `\nLargest bundle ${biggest.toFixed(1)} KiB (target ≤ ${bundleTargetKiB} KiB: ${biggest <= bundleTargetKiB ? 'met' : 'NOT met'}); slowest init ${slowest.toFixed(1)} ms over bare Node (target ≤ ${initTargetMs} ms: ${slowest <= initTargetMs ? 'met' : 'NOT met'})`,
  );
  rmSync(path.join(buildDir, 'bench-bundles'), { recursive: true, force: true });
};
