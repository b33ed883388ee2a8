import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type HandoverRecord,
  type HandoverStore,
  interviewMonth,
  type PersonDetails,
} from '../domain/handover.ts';
import { endMatchItem } from './matches-repository.ts';
import { outboxClaimItem } from './outbox-repository.ts';
import type { TransactItem } from './transact-item.ts';

/** A declined handover's submission is remembered this long, to count a resubmission once. */
const declinedMarkerSeconds = 30 * 24 * 3600;

const recordKey = (id: string) => ({ pk: `HANDOVER#${id}`, sk: 'RECORD' });

/** Anonymous monthly counts per centre and receiving kommune: declined, consented, withdrawn. */
const counterUpdate = (
  tableName: string,
  record: { centreId: string; kommuneCode: string; month: string },
  counter: 'declined' | 'consented' | 'withdrawn',
): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: { pk: `COUNT#${record.month}`, sk: `${record.centreId}#${record.kommuneCode}` },
    UpdateExpression: 'SET centreId = :centre, kommuneCode = :kommune, #month = :month ADD #counter :one',
    ExpressionAttributeNames: { '#counter': counter, '#month': 'month' },
    ExpressionAttributeValues: {
      ':centre': record.centreId,
      ':kommune': record.kommuneCode,
      ':month': record.month,
      ':one': 1,
    },
  },
});

/** Only a waiting refugee who consented to sharing with volunteers is in the coordinators' queue. */
const queueKey = (record: Pick<HandoverRecord, 'kommuneCode' | 'status' | 'consent'>) =>
  record.consent.shareWithVolunteers && record.status === 'waiting'
    ? `${record.kommuneCode}#waiting`
    : undefined;

const toItem = (record: HandoverRecord) => ({
  ...recordKey(record.id),
  ...record,
  kommuneStatus: queueKey(record),
  waitingSince: queueKey(record) ? record.recordedAt : undefined,
});

const toRecord = (item: Record<string, unknown>): HandoverRecord => {
  const { pk: _pk, sk: _sk, kommuneStatus: _ks, waitingSince: _ws, expiresAt: _e, ...record } = item;
  return record as unknown as HandoverRecord;
};

const isCancelledByCondition = (error: unknown, index: number) =>
  (error as Error).name === 'TransactionCanceledException' &&
  (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.[index]?.Code ===
    'ConditionalCheckFailed';

/** Runs a transaction whose first write is conditional; false when that condition failed (already done). */
const transactUnlessDone = async (db: DynamoDBDocumentClient, items: TransactItem[]): Promise<boolean> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (isCancelledByCondition(error, 0)) return false;
    throw error;
  }
};

/**
 * The consents table: one item per handover (the consent, its appended events and the refugee's
 * details), monthly anonymous counters, and markers of declined submissions (no personal data).
 */
export const consentsRepository = (
  db: DynamoDBDocumentClient,
  tableName: string,
  outboxTableName: string,
  matchesTableName: string,
): HandoverStore => ({
  countDeclined: (count, now) =>
    transactUnlessDone(db, [
      {
        Put: {
          TableName: tableName,
          Item: {
            pk: `DECLINED#${count.markerId}`,
            sk: 'SUBMISSION',
            month: count.month,
            expiresAt: Math.floor(now.getTime() / 1000) + declinedMarkerSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      counterUpdate(tableName, count, 'declined'),
    ]),

  create: (record, kommuneEmail, now) =>
    transactUnlessDone(db, [
      {
        Put: { TableName: tableName, Item: toItem(record), ConditionExpression: 'attribute_not_exists(pk)' },
      },
      counterUpdate(tableName, { ...record, month: interviewMonth(record.interviewDate) }, 'consented'),
      ...(kommuneEmail ? [outboxClaimItem(outboxTableName, kommuneEmail, now)] : []),
    ]),

  async get(id) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: recordKey(id), ConsistentRead: true }),
    );
    return Item ? toRecord(Item) : undefined;
  },

  async listByCentre(centreId, limit) {
    const records: HandoverRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'by-centre',
          KeyConditionExpression: 'centreId = :centre',
          ExpressionAttributeValues: { ':centre': centreId },
          ScanIndexForward: false,
          Limit: Math.min(limit - records.length, 200),
          ExclusiveStartKey: start,
        }),
      );
      records.push(...(page.Items ?? []).map(toRecord));
      start = page.LastEvaluatedKey;
    } while (start && records.length < limit);
    return records;
  },

  async correct(record, person: PersonDetails, kommuneCode, expectedVersion, now) {
    const queue = queueKey({ ...record, kommuneCode });
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: recordKey(record.id),
          UpdateExpression: `SET person = :person, kommuneCode = :kommune, updatedAt = :at, version = version + :one${queue ? ', kommuneStatus = :queue' : ''}`,
          // The same version and status the caller saw: a concurrent change or withdrawal wins.
          ConditionExpression: 'version = :version AND #status = :status AND attribute_exists(person)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':person': person,
            ':kommune': kommuneCode,
            ':at': now.toISOString(),
            ':one': 1,
            ':version': expectedVersion,
            ':status': record.status,
            ...(queue ? { ':queue': queue } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toRecord(Attributes) : undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  },

  withdraw: (record, event, kommuneNotice, endedMatches, now) =>
    transactUnlessDone(db, [
      {
        Update: {
          TableName: tableName,
          Key: recordKey(record.id),
          UpdateExpression: `SET #status = :withdrawn, consentEvents = list_append(consentEvents, :event), updatedAt = :at, version = version + :one${kommuneNotice ? ', kommuneContact = :contact' : ''} REMOVE person, kommuneStatus, waitingSince`,
          ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':withdrawn': 'withdrawn',
            ':event': [event],
            ':at': now.toISOString(),
            ':one': 1,
            ...(kommuneNotice ? { ':contact': kommuneNotice.contact } : {}),
          },
        },
      },
      counterUpdate(tableName, { ...record, month: interviewMonth(record.interviewDate) }, 'withdrawn'),
      ...(kommuneNotice ? [outboxClaimItem(outboxTableName, kommuneNotice.email, now)] : []),
      ...endedMatches.flatMap((match) => [
        endMatchItem(matchesTableName, match, now),
        outboxClaimItem(outboxTableName, match.email, now),
      ]),
    ]),
});
