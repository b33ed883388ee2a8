import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './transact-item.ts';

export interface OutboxMeta {
  readonly template: string;
  readonly recipientRef: string;
}

export interface Outbox {
  /** Claims a deterministic message key before sending; false when it was claimed (sent or pending) before. */
  claim(key: string, meta: OutboxMeta, now: Date): Promise<boolean>;
  /** The same claim, to commit inside the transaction that makes the email necessary. */
  claimItem(key: string, meta: OutboxMeta, now: Date): TransactItem;
  markSent(key: string, messageId: string, now: Date): Promise<void>;
  markFailed(key: string, reason: string, now: Date): Promise<void>;
}

/** How long the outbox remembers a message (for exactly-once and for support questions). */
const retentionSeconds = 90 * 24 * 3600;

const claimInput = (tableName: string, key: string, meta: OutboxMeta, now: Date) => ({
  TableName: tableName,
  Item: {
    pk: `EMAIL#${key}`,
    sk: 'EMAIL',
    template: meta.template,
    recipientRef: meta.recipientRef,
    status: 'pending',
    createdAt: now.toISOString(),
    attempts: 1,
    expiresAt: Math.floor(now.getTime() / 1000) + retentionSeconds,
  },
  ConditionExpression: 'attribute_not_exists(pk)',
});

/**
 * The outbox: one item per email under a deterministic key, written with a condition before the
 * email is sent, then marked with the outcome. It holds no personal data: the recipient is a
 * reference (a volunteer id), never an address.
 */
export const outboxRepository = (db: DynamoDBDocumentClient, tableName: string): Outbox => ({
  async claim(key, meta, now) {
    try {
      await db.send(new PutCommand(claimInput(tableName, key, meta, now)));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },

  claimItem(key, meta, now) {
    return { Put: claimInput(tableName, key, meta, now) };
  },

  async markSent(key, messageId, now) {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `EMAIL#${key}`, sk: 'EMAIL' },
        UpdateExpression: 'SET #status = :sent, sentAt = :now, messageId = :id',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString(), ':id': messageId },
      }),
    );
  },

  async markFailed(key, reason, now) {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `EMAIL#${key}`, sk: 'EMAIL' },
        UpdateExpression: 'SET lastError = :reason, failedAt = :now',
        ExpressionAttributeValues: { ':reason': reason.slice(0, 200), ':now': now.toISOString() },
      }),
    );
  },
});
