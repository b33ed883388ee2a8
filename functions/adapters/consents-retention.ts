/** The retention job's erasures in the consents table (and the waiting count they move). */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DueRecord, RetentionRecords } from '../domain/retention.ts';
import type { ConsentsTables } from './consents-repository.ts';
import { personalIndexAttributes, queueCounter, recordKey, retentionPartition } from './consents-table.ts';
import { kommuneCounterItems } from './kommuner-table.ts';
import { queryAll } from './query-all.ts';
import { transactUnlessDone } from './transact-item.ts';

/**
 * The retention job's view of the consents: records due for erasure from the sparse
 * `by-erase-after` index (one partition, sorted by due date: a Query reads only what is due), and
 * the erasure itself, conditional on the record still being due and as listed.
 */
export const retentionRecords = (
  db: DynamoDBDocumentClient,
  names: Pick<ConsentsTables, 'consents' | 'kommuner'>,
): RetentionRecords => {
  return {
    async listDue(now) {
      const items = await queryAll(db, {
        TableName: names.consents,
        IndexName: 'by-erase-after',
        KeyConditionExpression: 'retention = :retention AND eraseAfter <= :now',
        ExpressionAttributeValues: { ':retention': retentionPartition, ':now': now.toISOString() },
      });
      return items.map((item) => ({
        id: String(item.id),
        kommuneCode: String(item.kommuneCode),
        status: String(item.status),
        inQueue: item.kommuneStatus !== undefined,
        eraseAfter: String(item.eraseAfter),
      }));
    },

    eraseDetails: (record: DueRecord, now: Date) =>
      transactUnlessDone(db, [
        {
          Update: {
            TableName: names.consents,
            Key: recordKey(record.id),
            // A refugee still waiting leaves the queue: the record stays as proof of consent, without details.
            UpdateExpression: `SET erasedAt = :now, updatedAt = :now, version = version + :one, #status = :to REMOVE person, kommuneStatus, waitingSince, ${personalIndexAttributes}, retention, eraseAfter, expiresAt`,
            ConditionExpression: `eraseAfter = :due AND #status = :from AND ${record.inQueue ? 'attribute_exists(kommuneStatus)' : 'attribute_not_exists(kommuneStatus)'}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':now': now.toISOString(),
              ':one': 1,
              ':due': record.eraseAfter,
              ':from': record.status,
              ':to': record.status === 'waiting' ? 'ended' : record.status,
            },
          },
        },
        ...kommuneCounterItems(names.kommuner, record.inQueue ? [queueCounter(record.kommuneCode, -1)] : []),
      ]),
  };
};
