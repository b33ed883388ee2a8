import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../infra/build-assets.ts';
import type { LocalStackInfo } from '../../scripts/local/local-stack.ts';
import { spawnLocalStack } from '../../scripts/local/stack-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: LocalStackInfo;
    /** Everything the stack printed: the functions' logs. */
    stackLogFile: string;
  }
}

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/**
 * Starts the whole local stack once per test run, exactly as `npm start` does (in memory, stage
 * `test`, no scheduler), on ports of its own so tests run while a developer's stack is up, and stops
 * it afterwards. The stack runs in its own process, which stops itself if this one dies, so no Java
 * process outlives a test run.
 */
export default async function setup(project: TestProject) {
  const stateDir = path.join(projectRoot, '.local', 'test');
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const logFile = path.join(stateDir, 'stack.log');
  const stack = await spawnLocalStack({
    stage: 'test',
    stateDir,
    args: ['--in-memory', '--no-scheduler'],
    logFile,
    ports: {
      gateway: port('VENNER_TEST_PORT', 3100),
      dynamodb: port('VENNER_TEST_DYNAMODB_PORT', 8100),
      ses: port('VENNER_TEST_SES_PORT', 8105),
      cognito: port('VENNER_TEST_COGNITO_PORT', 9329),
    },
  });
  project.provide('stack', stack.info);
  project.provide('stackLogFile', logFile);
  return stack.stop;
}
