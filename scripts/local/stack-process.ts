import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { projectRoot } from '../../infra/build-assets.ts';
import type { LocalPorts, LocalStackInfo } from './local-stack.ts';

export interface StackProcess {
  readonly child: ChildProcess;
  readonly info: LocalStackInfo;
  /** Stops the stack (SIGTERM) and waits until it and its children are gone. */
  stop(): Promise<void>;
}

/**
 * Runs `scripts/start.ts` in a process of its own, as `npm start` does, and waits for its ready
 * line. The test setup and the benchmarks use it; the stack stops itself if this process dies.
 */
export const spawnLocalStack = async (options: {
  readonly ports: LocalPorts;
  readonly stateDir: string;
  readonly stage: string;
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
  /** Where to keep everything the stack prints (the functions' logs), e.g. for the tests that read them. */
  readonly logFile?: string;
}): Promise<StackProcess> => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/start.ts',
      '--quiet',
      '--stage',
      options.stage,
      '--state-dir',
      options.stateDir,
      ...(options.args ?? []),
    ],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: String(options.ports.gateway),
        VENNER_DYNAMODB_PORT: String(options.ports.dynamodb),
        VENNER_SES_PORT: String(options.ports.ses),
        VENNER_COGNITO_PORT: String(options.ports.cognito),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  if (options.logFile) {
    const logFile = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(logFile);
    child.stderr?.pipe(logFile);
  }
  const stackFile = await new Promise<string>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(
      () => reject(new Error(`The local stack did not start in ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    timer.unref();
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /VENNER_READY (.+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1].trim());
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`The local stack exited (${code}):\n${output}`)));
  });
  return {
    child,
    info: JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStackInfo,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
};
