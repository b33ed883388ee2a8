import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TokenPurpose, TokenRecord, TokenStore } from '../domain/tokens.ts';

const key = (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' });
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

const putInput = (tableName: string, record: TokenRecord) => ({
  TableName: tableName,
  Item: {
    ...key(record.hash),
    purpose: record.purpose,
    volunteerId: record.volunteerId,
    expiresAt: epoch(record.expiresAt),
    ref: record.ref,
  },
  ConditionExpression: 'attribute_not_exists(pk)',
});

/** The tokens table: one item per token hash; DynamoDB TTL removes expired ones, reads ignore them. */
export const tokensRepository = (db: DynamoDBDocumentClient, tableName: string): TokenStore => ({
  async put(record: TokenRecord) {
    await db.send(new PutCommand(putInput(tableName, record)));
  },

  async consume(hash: string, purpose: TokenPurpose, now: Date, ref?: string) {
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(hash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: `attribute_exists(pk) AND purpose = :purpose AND expiresAt > :epoch AND attribute_not_exists(usedAt)${ref ? ' AND #ref = :ref' : ''}`,
          ExpressionAttributeNames: ref ? { '#ref': 'ref' } : undefined,
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':purpose': purpose,
            ':epoch': epoch(now),
            ...(ref ? { ':ref': ref } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return typeof Attributes?.volunteerId === 'string' ? Attributes.volunteerId : undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  },

  async peek(hash: string, purpose: TokenPurpose, now: Date, ref?: string) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(hash) }));
    if (!Item || Item.purpose !== purpose || Item.expiresAt <= epoch(now) || Item.usedAt) return undefined;
    if (ref !== undefined && Item.ref !== ref) return undefined;
    return String(Item.volunteerId);
  },

  async revoke(hash: string) {
    await db.send(new DeleteCommand({ TableName: tableName, Key: key(hash) }));
  },
});
