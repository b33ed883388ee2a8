import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Kommune } from '../domain/kommune.ts';

/**
 * The kommuner table. Items by kind:
 * - `KOMMUNE` / `<code>`: one per kommune (name, region). One Query reads all 98.
 * - `SYSTEM` / `STATUS`: when the scheduler last fired.
 */
export interface KommunerRepository {
  getSystemStatus(): Promise<{ lastHeartbeatAt?: string }>;
  recordHeartbeat(at: string): Promise<void>;
  putKommuner(kommuner: readonly Kommune[]): Promise<void>;
  listKommuner(): Promise<Kommune[]>;
}

export const kommunerRepository = (db: DynamoDBDocumentClient, tableName: string): KommunerRepository => ({
  async getSystemStatus() {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'SYSTEM', sk: 'STATUS' }, ConsistentRead: false }),
    );
    return { lastHeartbeatAt: typeof Item?.lastHeartbeatAt === 'string' ? Item.lastHeartbeatAt : undefined };
  },

  async recordHeartbeat(at) {
    await db
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: 'SYSTEM', sk: 'STATUS' },
          UpdateExpression: 'SET lastHeartbeatAt = :at',
          // A retried or late run must not move the clock backwards.
          ConditionExpression: 'attribute_not_exists(lastHeartbeatAt) OR lastHeartbeatAt < :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  },

  async putKommuner(kommuner) {
    for (let i = 0; i < kommuner.length; i += 25) {
      let requests = kommuner.slice(i, i + 25).map((kommune) => ({
        PutRequest: { Item: { pk: 'KOMMUNE', sk: kommune.code, ...kommune } },
      }));
      // BatchWrite may leave some items unprocessed under load; retry those with a short backoff.
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 5) throw new Error('DynamoDB kept items unprocessed while loading kommuner');
        const { UnprocessedItems } = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  },

  async listKommuner() {
    const items: Kommune[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'KOMMUNE' },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        items.push({ code: item.code, name: item.name, regionCode: item.regionCode, region: item.region });
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  },
});
