import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../scripts/build-assets.ts';
import type { LocalStackInfo } from '../../scripts/local/local-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: LocalStackInfo;
  }
}

/** Test ports differ from `npm start`'s, so tests run while a developer's stack is up. */
export const testPorts = {
  PORT: process.env.VENNER_TEST_PORT ?? '3100',
  VENNER_DYNAMODB_PORT: process.env.VENNER_TEST_DYNAMODB_PORT ?? '8100',
  VENNER_SES_PORT: process.env.VENNER_TEST_SES_PORT ?? '8105',
  VENNER_COGNITO_PORT: process.env.VENNER_TEST_COGNITO_PORT ?? '9329',
};

/**
 * Starts the whole local stack once per test run, exactly as `npm start` does (in memory, stage
 * `test`, no scheduler), and stops it afterwards. The stack runs in its own process, which stops
 * itself if this one dies, so no Java process outlives a test run.
 */
export default async function setup(project: TestProject) {
  const stateDir = path.join(projectRoot, '.local', 'test');
  rmSync(stateDir, { recursive: true, force: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/start.ts',
      '--stage',
      'test',
      '--in-memory',
      '--no-scheduler',
      '--quiet',
      '--state-dir',
      stateDir,
    ],
    { cwd: projectRoot, env: { ...process.env, ...testPorts }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /VENNER_READY (.+)/.exec(output);
      if (line?.[1]) resolve(line[1].trim());
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`The local stack for the tests exited (${code}):\n${output}`)),
    );
    setTimeout(
      () => reject(new Error(`The local stack for the tests did not start in 120 s:\n${output}`)),
      120_000,
    ).unref();
  });
  const stackFile = await ready;
  project.provide('stack', JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStackInfo);

  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
}
