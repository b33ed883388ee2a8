import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AlertWriter } from '../domain/arrival-alerts.ts';
import { heldReason, type OutboxEntry, type OutboxStore } from '../domain/email-delivery.ts';
import { claimInput, itemKey, outboxClaimItem, toOutboxEntry } from './outbox-table.ts';
import { countAll } from './query-all.ts';

/** An entry as stored, with its outcome (for staff views and data-subject exports). */
export const outboxItemByKey = async (db: DynamoDBDocumentClient, tableName: string, key: string) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: itemKey(key), ConsistentRead: true }))).Item;

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/**
 * The outbox: one item per email under a deterministic key, written with a condition before the
 * email is sent, then taken by the sender and
 * marked with the outcome. It holds no personal data: the recipient is a reference (a volunteer
 * id), never an address; the sender looks the address up when it sends.
 *
 * Status: pending → sending (leased by one sender) → sent | skipped | failed, or back to pending
 * when SES did not take it. The `by-status` index finds what is still due without a Scan.
 */
export const outboxRepository = (db: DynamoDBDocumentClient, tableName: string): OutboxStore => ({
  async claim(entry, now, leaseSeconds) {
    try {
      await db.send(new PutCommand(claimInput(tableName, entry, now, leaseSeconds)));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async take(key, now, leaseSeconds) {
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: itemKey(key),
          UpdateExpression: 'SET #status = :sending, leaseUntil = :until ADD attempts :one',
          // Pending, or a sender took it and vanished (its lease ran out) before recording the outcome.
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND leaseUntil < :now))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':one': 1,
            ':now': now.toISOString(),
            ':until': new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toOutboxEntry(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  async finish(key, outcome, now) {
    const values: Record<string, unknown> = { ':status': outcome.status, ':now': now.toISOString() };
    let set = '#status = :status, finishedAt = :now';
    if (outcome.messageId) {
      set += ', messageId = :id';
      values[':id'] = outcome.messageId;
    }
    if (outcome.uncountAttempt) values[':minusOne'] = -1;
    if (outcome.reason) {
      set += ', lastError = :reason';
      values[':reason'] = outcome.reason.slice(0, 200);
    }
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: itemKey(key),
        UpdateExpression: `SET ${set} REMOVE leaseUntil${outcome.uncountAttempt ? ' ADD attempts :minusOne' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
  },

  async listDue(now, limit) {
    const due: OutboxEntry[] = [];
    for (const status of ['pending', 'sending'] as const) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'by-status',
            KeyConditionExpression: '#status = :status',
            // A lease that has not run out belongs to a sender still at work.
            FilterExpression: status === 'sending' ? 'leaseUntil < :now' : undefined,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ...(status === 'sending' ? { ':now': now.toISOString() } : {}),
            },
            Limit: limit,
            ExclusiveStartKey,
          }),
        );
        due.push(...(page.Items ?? []).map(toOutboxEntry));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey && due.length < limit);
    }
    return due.slice(0, limit);
  },
});

/** Pending emails SES held (sandbox, unverified domain): one Query of the pending ones, counted. */
export const heldEmailCounter = (db: DynamoDBDocumentClient, tableName: string) => ({
  /** How many emails wait to be sent, and since when the oldest (the index is sorted by creation). */
  pending: async (): Promise<{ count: number; oldestAt?: string }> => {
    const query = {
      TableName: tableName,
      IndexName: 'by-status',
      KeyConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    };
    const [count, oldest] = await Promise.all([
      countAll(db, query),
      db.send(new QueryCommand({ ...query, Limit: 1, ScanIndexForward: true })),
    ]);
    const at = oldest.Items?.[0]?.createdAt;
    return { count, ...(typeof at === 'string' ? { oldestAt: at } : {}) };
  },
  countHeld: (): Promise<number> =>
    countAll(db, {
      TableName: tableName,
      IndexName: 'by-status',
      KeyConditionExpression: '#status = :pending',
      FilterExpression: 'lastError = :held',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':held': heldReason },
    }),
});

/**
 * Arrival alerts: the alert's outbox entry and the volunteer's marker (`ALERTED#<volunteer>`, the
 * time of their last alert) in one transaction. The marker's condition refuses a second alert
 * within the interval; the entry's refuses a second one for the same day. Either way, nothing.
 */
export const arrivalAlertWriter = (db: DynamoDBDocumentClient, tableName: string): AlertWriter => ({
  async claimAlert(entry, volunteerId, now, notSince) {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            outboxClaimItem(tableName, entry, now),
            {
              Put: {
                TableName: tableName,
                Item: {
                  pk: `ALERTED#${volunteerId}`,
                  sk: 'LAST',
                  lastAlertAt: now.toISOString(),
                  expiresAt: Math.floor(now.getTime() / 1000) + 8 * 24 * 3600,
                },
                ConditionExpression: 'attribute_not_exists(pk) OR lastAlertAt <= :notSince',
                ExpressionAttributeValues: { ':notSince': notSince.toISOString() },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      const refused =
        (error as Error).name === 'TransactionCanceledException' &&
        reasons.some((r) => r.Code === 'ConditionalCheckFailed') &&
        reasons.every((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'None');
      if (refused) return false;
      throw error;
    }
  },
});
