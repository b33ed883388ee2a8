import { randomBytes } from 'node:crypto';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AdminLog } from '../domain/administration.ts';
import type { AuditEntry, AuditLog } from '../domain/handover.ts';
import { queryAll } from './query-all.ts';

/**
 * The audit log: one item per read or change of a refugee's personal data, under the refugee's
 * pseudonymous id (sorted by time), and findable per staff member through the `by-actor` index.
 * It holds who, when, what and which record, never the data itself, so it outlives an erasure.
 */
export const auditRepository = (db: DynamoDBDocumentClient, tableName: string): AuditLog => ({
  async record(entries) {
    for (let i = 0; i < entries.length; i += 25) {
      let requests = entries.slice(i, i + 25).map((entry) => ({
        PutRequest: {
          Item: {
            pk: `REFUGEE#${entry.refugeeId}`,
            // A random suffix: two reads in the same millisecond are two entries.
            sk: `${entry.at}#${randomBytes(4).toString('hex')}`,
            actor: entry.actor.sub,
            actorName: entry.actor.name,
            at: entry.at,
            action: entry.action,
            refugeeId: entry.refugeeId,
            fields: entry.fields && entry.fields.length > 0 ? [...entry.fields] : undefined,
          },
        },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === 5) throw new Error('The audit log did not take every entry');
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  },

  async listFor(refugeeId) {
    const items = await queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `REFUGEE#${refugeeId}` },
    });
    return items.map(
      (item): AuditEntry => ({
        refugeeId,
        at: String(item.at),
        actor: { sub: String(item.actor), name: String(item.actorName ?? item.actor) },
        action: item.action as AuditEntry['action'],
        fields: item.fields as string[] | undefined,
      }),
    );
  },
});

/**
 * The administration log in the same table: one item per change an administrator made (staff
 * users, digest contacts), newest first in one partition. It names staff and kommune contacts by
 * their work e-mail, never a refugee or a volunteer.
 */
export const adminLog = (db: DynamoDBDocumentClient, tableName: string): AdminLog => ({
  async record(change) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: 'ADMINISTRATION',
          sk: `${change.at}#${randomBytes(4).toString('hex')}`,
          at: change.at,
          actor: change.actor.sub,
          actorName: change.actor.name,
          what: change.what,
        },
      }),
    );
  },
  async recent(limit) {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ADMINISTRATION' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      at: String(item.at),
      actor: { sub: String(item.actor), name: String(item.actorName ?? item.actor) },
      what: String(item.what),
    }));
  },
});
