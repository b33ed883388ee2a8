import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalPorts, LocalStackInfo } from '../scripts/local/local-stack.ts';
import { spawnLocalStack } from '../scripts/local/stack-process.ts';

/** A document client for a benchmark's own local stack (DynamoDB Local takes any credentials). */
export const documentClientFor = (info: LocalStackInfo): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: info.region,
      endpoint: info.dynamodbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );

/**
 * Runs `measure` against a stack of the benchmark's own (in memory, no scheduler, its own ports,
 * quiet logs), then stops it and removes its folder, whatever happened.
 */
export const withBenchStack = async (
  name: string,
  ports: LocalPorts,
  measure: (info: LocalStackInfo) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), `venner-bench-${name}-`));
  const stack = await spawnLocalStack({
    stage: 'bench',
    stateDir,
    args: ['--in-memory', '--no-scheduler'],
    ports,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
  });
  try {
    await measure(stack.info);
  } finally {
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
};
