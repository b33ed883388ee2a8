/** The consents table's keys, items and transaction parts: handover records, monthly counts, declined markers. */

import { duplicateKeys } from '../domain/duplicates.ts';
import type { HandoverRecord } from '../domain/handover.ts';
import { referenceOf } from '../domain/handover-reference.ts';
import type { CounterChange } from '../domain/kommune.ts';
import type { ConsentMove } from '../domain/matching.ts';
import { backstopExpiry, eraseAfter, retentionDays } from '../domain/retention.ts';
import { nameKeys } from '../domain/search-terms.ts';
import type { HandoverCounter } from '../domain/secretariat-figures.ts';
import type { TransactItem } from './transact-item.ts';

/** A declined handover's submission is remembered this long, to count a resubmission once. */
export const declinedMarkerSeconds = 30 * 24 * 3600;

/** A handover record's item key (the id follows from the submission key: handoverIdFor). */
export const recordKey = (id: string) => ({ pk: `HANDOVER#${id}`, sk: 'RECORD' });

export const handoverCountKey = (count: { centreId: string; kommuneCode: string; month: string }) => ({
  pk: `COUNT#${count.month}`,
  sk: `${count.centreId}#${count.kommuneCode}`,
});

/**
 * Anonymous monthly counts per centre and receiving kommune (the secretariat's figures): declined,
 * consented, of those who wanted a friend (consented to sharing with volunteers), withdrawn.
 */
export const counterUpdate = (
  tableName: string,
  record: { centreId: string; kommuneCode: string; month: string },
  ...counters: readonly HandoverCounter[]
): TransactItem => countUpdate(tableName, record, Object.fromEntries(counters.map((c) => [c, 1])));

/** The same, with any delta per counter (a "no" taken back is -1 declined). */
export const countUpdate = (
  tableName: string,
  record: { centreId: string; kommuneCode: string; month: string },
  deltas: Partial<Record<HandoverCounter, number>>,
): TransactItem => {
  const entries = Object.entries(deltas);
  return {
    Update: {
      TableName: tableName,
      Key: handoverCountKey(record),
      UpdateExpression: `SET centreId = :centre, kommuneCode = :kommune, #month = :month ADD ${entries.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
      ExpressionAttributeNames: {
        ...Object.fromEntries(entries.map(([counter], i) => [`#c${i}`, counter])),
        '#month': 'month',
      },
      ExpressionAttributeValues: {
        ':centre': record.centreId,
        ':kommune': record.kommuneCode,
        ':month': record.month,
        ...Object.fromEntries(entries.map(([, delta], i) => [`:d${i}`, delta])),
      },
    },
  };
};

/** How many records a centre holds (the caseworker's list total): records are kept, erased of details, never deleted. */
export const centreTotalKey = (centreId: string) => ({ pk: `CENTRE#${centreId}`, sk: 'RECORDS' });

export const centreTotalItem = (tableName: string, centreId: string): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: centreTotalKey(centreId),
    UpdateExpression: 'ADD records :one',
    ExpressionAttributeValues: { ':one': 1 },
  },
});

export const declinedKey = (markerId: string) => ({ pk: `DECLINED#${markerId}`, sk: 'SUBMISSION' });

/** Only a waiting refugee who consented to sharing with volunteers is in the coordinators' queue. */
export const queueKey = (record: Pick<HandoverRecord, 'kommuneCode' | 'status' | 'consent'>) =>
  record.consent.shareWithVolunteers && record.status === 'waiting'
    ? `${record.kommuneCode}#waiting`
    : undefined;

/** A new record's erasure date: never matched, its details go a set time after the handover. */
export const retentionOf = (record: HandoverRecord) => {
  if (!record.person || record.status !== 'waiting') return {};
  const due = eraseAfter(new Date(record.recordedAt), retentionDays.neverMatched);
  return { retention: retentionPartition, eraseAfter: due, expiresAt: backstopExpiry(due) };
};

export const retentionPartition = 'personal-data';

/** A record as stored, with its index attributes (exported for seeding benchmarks with batch writes). */
export const toItem = (record: HandoverRecord) => ({
  ...recordKey(record.id),
  ...record,
  ...retentionOf(record),
  kommuneStatus: queueKey(record),
  waitingSince: queueKey(record) ? record.recordedAt : undefined,
  kommuneShare: record.consent.shareWithKommune && record.person ? record.kommuneCode : undefined,
  ...duplicateKeys(record),
  ...searchKeys(record),
});

/** What staff search a record by: the kommune's reference always, the folded name while it is there. */
export const searchKeys = (record: Pick<HandoverRecord, 'id' | 'person'>) => ({
  reference: referenceOf(record.id),
  ...(record.person ? nameKeys(record.person.name) : {}),
});

/** The index attributes that hold (or follow from) personal details: removed with the details. */
export const personalIndexAttributes = 'kommuneShare, phoneKey, personKey, nameFolded, surnameFolded';

export const toRecord = (item: Record<string, unknown>): HandoverRecord => {
  const {
    pk: _pk,
    sk: _sk,
    kommuneStatus: _ks,
    waitingSince: _ws,
    kommuneShare: _share,
    retention: _retention,
    eraseAfter: _eraseAfter,
    expiresAt: _e,
    phoneKey: _phone,
    personKey: _person,
    reference: _reference,
    nameFolded: _name,
    surnameFolded: _surname,
    ...record
  } = item;
  return record as unknown as HandoverRecord;
};

/** The kommune's count of waiting refugees (the public figures) moves with the queue. */
export const queueCounter = (kommuneCode: string, delta: number): CounterChange => ({
  kommuneCode,
  counter: 'waitingRefugees',
  delta,
});

/**
 * One move of a record along the matching (waiting → proposed → matched → ended, or back to
 * waiting), as one write of the matching's transaction: only if the record is still where the
 * coordinator saw it.
 */
export const consentMoveItem = (tableName: string, move: ConsentMove, now: Date): TransactItem => {
  const set = ['#status = :to', 'updatedAt = :at'];
  const remove: string[] = [];
  const values: Record<string, unknown> = { ':from': move.from, ':to': move.to, ':at': now.toISOString() };
  if (move.to === 'proposed') {
    set.push('currentMatchId = :match', 'matchRounds = :round');
    // On a match the details are kept until it ends.
    remove.push('kommuneStatus', 'retention', 'eraseAfter', 'expiresAt');
    values[':match'] = move.matchId;
    values[':round'] = move.round ?? 1;
  } else if (move.to === 'waiting' || move.to === 'ended') {
    remove.push('currentMatchId');
    if (move.to === 'waiting') {
      set.push('kommuneStatus = :queue');
      values[':queue'] = `${move.kommuneCode}#waiting`;
    }
    const due = eraseAfter(
      now,
      move.to === 'waiting' ? retentionDays.neverMatched : retentionDays.afterMatchEnded,
    );
    set.push('retention = :retention', 'eraseAfter = :eraseAfter', 'expiresAt = :expiresAt');
    values[':retention'] = retentionPartition;
    values[':eraseAfter'] = due;
    values[':expiresAt'] = backstopExpiry(due);
  }
  if (move.from !== 'waiting') values[':match'] = move.matchId;
  return {
    Update: {
      TableName: tableName,
      Key: recordKey(move.id),
      UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: `#status = :from AND attribute_exists(person)${move.from === 'waiting' ? '' : ' AND currentMatchId = :match'}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
};
