import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../functions/lib/concurrently.ts';
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

/** A plain pk/sk table without a stream (an outbox no sender watches), on the benchmark's own stack. */
export const createPlainTable = async (info: LocalStackInfo, TableName: string): Promise<string> => {
  const client = new DynamoDBClient({
    region: info.region,
    endpoint: info.dynamodbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  return TableName;
};

/** Counts the DynamoDB requests sent through `db` from now on (benchmarks' and tests' "requests per page"). */
export const countRequests = (db: DynamoDBDocumentClient): { requests: number } => {
  const counter = { requests: 0 };
  db.middlewareStack.add(
    (next) => async (args) => {
      counter.requests++;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return counter;
};

/**
 * Writes items 25 at a time, 8 batches at once, retrying what DynamoDB leaves unprocessed; with a
 * label, prints its progress (seeding benchmarks), without one, quiet (tests).
 */
export const batchWrite = async (
  db: DynamoDBDocumentClient,
  table: string,
  items: readonly Record<string, unknown>[],
  label?: string,
) => {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let done = 0;
  await forEachConcurrently(chunks, 8, async (chunk) => {
    let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
    done += chunk.length;
    if (label && done % 5000 < 25) process.stdout.write(`\r  ${label}: ${done} of ${items.length}`);
  });
  if (label) process.stdout.write(`\r  ${label}: ${items.length} of ${items.length}\n`);
};
