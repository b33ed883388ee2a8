import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  type FunctionDefinition,
  type FunctionId,
  functions,
  type StreamTrigger,
  streamBatchSize,
} from '../../shared/functions.ts';
import { localTableName } from '../../shared/tables.ts';
import type { HandlerLoader } from './gateway.ts';

/**
 * The local stand-in for Lambda's DynamoDB Streams event sources: for every stream a function
 * lists in the catalogue, it reads the table's stream in DynamoDB Local and invokes the handler with the
 * event Lambda would send (batches of up to `streamBatchSize`, partial batch failures retried a
 * bounded number of times, as the CDK event source is configured).
 */

export interface RunningStreamPollers {
  stop(): Promise<void>;
}

const pollIntervalMs = 40;
const maxRetries = 2;

const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => ({
  eventID: record.eventID,
  eventName: record.eventName as DynamoDBRecord['eventName'],
  eventVersion: record.eventVersion,
  eventSource: 'aws:dynamodb',
  awsRegion: record.awsRegion,
  eventSourceARN: streamArn,
  dynamodb: {
    ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
      ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
      : undefined,
    Keys: record.dynamodb?.Keys as never,
    NewImage: record.dynamodb?.NewImage as never,
    OldImage: record.dynamodb?.OldImage as never,
    SequenceNumber: record.dynamodb?.SequenceNumber,
    SizeBytes: record.dynamodb?.SizeBytes,
    StreamViewType: record.dynamodb?.StreamViewType as never,
  },
});

/** The event source mapping's filter, as CDK builds it from the same trigger. */
export const matches = (trigger: StreamTrigger, record: StreamRecord): boolean =>
  (trigger.events as readonly string[]).includes(record.eventName ?? '') &&
  !!record.dynamodb?.Keys?.pk?.S?.startsWith(trigger.keyPrefix) &&
  Object.entries(trigger.newImage).every(([name, value]) => record.dynamodb?.NewImage?.[name]?.S === value);

export const startStreamPollers = async (options: {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly stage: string;
  readonly loadHandler: HandlerLoader;
  readonly onError: (functionId: FunctionId, error: unknown) => void;
}): Promise<RunningStreamPollers> => {
  let stopped = false;
  const loops: Promise<void>[] = [];

  const poll = async (id: FunctionId, definition: FunctionDefinition, trigger: StreamTrigger) => {
    const TableName = localTableName(options.stage, trigger.table);
    const { Table } = await options.dynamodb.send(new DescribeTableCommand({ TableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`${TableName} has no stream, but ${id} reads it`);
    const handler = await options.loadHandler(id);
    // Each shard is read from its oldest record: after a restart (with data kept) old records are
    // delivered again, which the outbox sender ignores for emails already taken. A shard whose
    // iterator breaks is picked up after the last record handed over.
    const shards = new Map<string, { iterator?: string; lastSequence?: string; closed?: boolean }>();
    const iteratorFor = async (shardId: string, lastSequence?: string) =>
      (
        await options.streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: lastSequence ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
            SequenceNumber: lastSequence,
          }),
        )
      ).ShardIterator;
    const discover = async () => {
      const { StreamDescription } = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || shards.has(shard.ShardId)) continue;
        shards.set(shard.ShardId, { iterator: await iteratorFor(shard.ShardId) });
      }
    };
    const invoke = async (records: DynamoDBRecord[]) => {
      let pending = records;
      for (let attempt = 0; attempt <= maxRetries && pending.length > 0; attempt++) {
        const event: DynamoDBStreamEvent = { Records: pending };
        const response = (await handler(event, {
          awsRequestId: randomUUID(),
          functionName: `venner-${id}`,
          getRemainingTimeInMillis: () => (definition.timeoutSeconds ?? 30) * 1000,
        } as never)) as DynamoDBBatchResponse | undefined;
        const failed = new Set(response?.batchItemFailures?.map((f) => f.itemIdentifier) ?? []);
        pending = pending.filter((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      }
      if (pending.length > 0) {
        options.onError(
          id,
          new Error(`${pending.length} stream record(s) failed after ${maxRetries} retries`),
        );
      }
    };

    await discover();
    let lastDiscovery = Date.now();
    while (!stopped) {
      let busy = false;
      for (const [shardId, shard] of shards) {
        if (shard.closed || stopped) continue;
        try {
          shard.iterator ??= await iteratorFor(shardId, shard.lastSequence);
          const page = await options.streams.send(
            new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: streamBatchSize }),
          );
          shard.iterator = page.NextShardIterator;
          shard.closed = !page.NextShardIterator;
          const all = page.Records ?? [];
          if (all.length > 0) {
            busy = true;
            shard.lastSequence = all.at(-1)?.dynamodb?.SequenceNumber;
          }
          const records = all.filter((r) => matches(trigger, r)).map((r) => toLambdaRecord(r, streamArn));
          if (records.length > 0) {
            await invoke(records).catch((error) => options.onError(id, error));
          }
        } catch (error) {
          if (stopped) return;
          const name = (error as Error).name;
          if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
          // Start again after the last record handed over; if even that was trimmed, from the oldest.
          shard.iterator = undefined;
          if (name === 'TrimmedDataAccessException') shard.lastSequence = undefined;
        }
      }
      // DynamoDB Local closes a shard from time to time and opens a new one.
      if (Date.now() - lastDiscovery > 1_000) {
        await discover();
        lastDiscovery = Date.now();
      }
      if (!busy) await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  };

  const sources = (Object.entries(functions) as [FunctionId, FunctionDefinition][]).flatMap(
    ([id, definition]) => (definition.streams ?? []).map((trigger) => ({ id, definition, trigger })),
  );
  for (const { id, definition, trigger } of sources) {
    const loop = async () => {
      while (!stopped) {
        try {
          await poll(id, definition, trigger);
        } catch (error) {
          if (stopped) return;
          options.onError(id, error);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    };
    loops.push(loop());
  }

  return {
    async stop() {
      stopped = true;
      await Promise.allSettled(loops);
    },
  };
};

export const streamsClient = (
  endpoint: string,
  aws: ConstructorParameters<typeof DynamoDBStreamsClient>[0],
) => new DynamoDBStreamsClient({ ...aws, endpoint });
