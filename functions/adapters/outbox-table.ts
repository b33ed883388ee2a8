/** The outbox table's keys, items and transaction parts (the outbox repository and every write that sends an email use them). */

import type { NewOutboxEntry, OutboxEntry } from '../domain/email-delivery.ts';
import { correlationId } from '../lib/observability.ts';
import type { TransactItem } from './transact-item.ts';

/** How long the outbox remembers a message (for exactly-once and for support questions). */
export const retentionSeconds = 90 * 24 * 3600;

export const itemKey = (key: string) => ({ pk: `EMAIL#${key}`, sk: 'EMAIL' });

export const claimInput = (tableName: string, entry: NewOutboxEntry, now: Date, leaseSeconds?: number) => ({
  TableName: tableName,
  Item: {
    ...itemKey(entry.key),
    key: entry.key,
    template: entry.template,
    recipientRef: entry.recipientRef,
    ...(entry.facts ? { facts: entry.facts } : {}),
    // The request or job run that decided the email: its log lines and the email share the id.
    ...(correlationId() ? { correlationId: correlationId() } : {}),
    createdAt: now.toISOString(),
    // Remembered from when it is written: a job run as of an earlier moment writes no expired entry.
    expiresAt: Math.floor(Math.max(now.getTime(), Date.now()) / 1000) + retentionSeconds,
    ...(leaseSeconds
      ? {
          status: 'sending',
          attempts: 1,
          leaseUntil: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
        }
      : { status: 'pending', attempts: 0 }),
  },
  ConditionExpression: 'attribute_not_exists(pk)',
});

/** A new pending entry as one write of a transaction, for an email that must go out if (and only if) the rest commits. */
export const outboxClaimItem = (tableName: string, entry: NewOutboxEntry, now: Date): TransactItem => ({
  Put: claimInput(tableName, entry, now),
});

export const toOutboxEntry = (item: Record<string, unknown>): OutboxEntry => ({
  key: String(item.key),
  template: String(item.template),
  recipientRef: String(item.recipientRef),
  status: item.status as OutboxEntry['status'],
  attempts: Number(item.attempts ?? 0),
  createdAt: String(item.createdAt),
  ...(item.facts ? { facts: item.facts as OutboxEntry['facts'] } : {}),
  ...(typeof item.correlationId === 'string' ? { correlationId: item.correlationId } : {}),
});
