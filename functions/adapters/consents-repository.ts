import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Task } from '../domain/coordinator-task.ts';
import { duplicateKeys } from '../domain/duplicates.ts';
import {
  type HandoverRecord,
  type HandoverStore,
  interviewMonth,
  kommuneRecipientsOf,
  type PersonDetails,
} from '../domain/handover.ts';
import { matchCounterChanges } from '../domain/kommune.ts';
import type { MatchingRecords } from '../domain/matching.ts';
import { nameKeys } from '../domain/search-terms.ts';
import type { HandoverCount } from '../domain/secretariat-figures.ts';
import { counterChanges } from '../domain/volunteer-counters.ts';
import { isTransactionConflict } from './aws-errors.ts';
import {
  centreTotalItem,
  counterUpdate,
  countUpdate,
  declinedKey,
  declinedMarkerSeconds,
  handoverCountKey,
  personalIndexAttributes,
  queueCounter,
  queueKey,
  recordKey,
  toItem,
  toRecord,
} from './consents-table.ts';
import { kommuneCounterItems } from './kommuner-table.ts';
import { endMatchItem, moveMatchItem } from './matches-table.ts';
import { outboxClaimItem } from './outbox-table.ts';
import { countAll, queryAll } from './query-all.ts';
import { closeTaskItem, openTaskItem } from './tasks-table.ts';
import {
  isCancelledByCondition,
  type TransactItem,
  transactUnlessChanged,
  transactUnlessDone,
} from './transact-item.ts';
import { volunteerSaveItem } from './volunteers-table.ts';

/**
 * What the scheduled jobs read about one kommune, each a key Query that costs what the news costs:
 * its queue, how many joined the queue since a moment, and the records the kommune may see that
 * were recorded in a period.
 */
export const kommuneNews = (db: DynamoDBDocumentClient, tableName: string) => ({
  waiting: async (kommuneCode: string): Promise<HandoverRecord[]> =>
    (
      await queryAll(db, {
        TableName: tableName,
        IndexName: 'by-kommune-status',
        KeyConditionExpression: 'kommuneStatus = :queue',
        ExpressionAttributeValues: { ':queue': `${kommuneCode}#waiting` },
      })
    ).map(toRecord),

  /** The queue's refugees who joined it before a moment (the coordinator's "waiting long" tasks). */
  waitingBefore: async (kommuneCode: string, before: string): Promise<HandoverRecord[]> =>
    (
      await queryAll(db, {
        TableName: tableName,
        IndexName: 'by-kommune-status',
        KeyConditionExpression: 'kommuneStatus = :queue AND waitingSince < :before',
        ExpressionAttributeValues: { ':queue': `${kommuneCode}#waiting`, ':before': before },
      })
    ).map(toRecord),

  arrivedSince: (kommuneCode: string, since: string): Promise<number> =>
    countAll(db, {
      TableName: tableName,
      IndexName: 'by-kommune-status',
      KeyConditionExpression: 'kommuneStatus = :queue AND waitingSince >= :since',
      ExpressionAttributeValues: { ':queue': `${kommuneCode}#waiting`, ':since': since },
    }),

  sharedWithKommune: async (kommuneCode: string, since: string, until: string): Promise<HandoverRecord[]> =>
    (
      await queryAll(db, {
        TableName: tableName,
        IndexName: 'by-kommune-shared',
        KeyConditionExpression: 'kommuneShare = :kommune AND recordedAt BETWEEN :since AND :until',
        ExpressionAttributeValues: { ':kommune': kommuneCode, ':since': since, ':until': until },
      })
    )
      // BETWEEN includes its end; the period does not.
      .filter((item) => String(item.recordedAt) < until)
      .map(toRecord),
});

/** One month's anonymous handover counts of every centre and kommune: one Query (for the secretariat's figures). */
export const handoverCounts =
  (db: DynamoDBDocumentClient, tableName: string) =>
  async (month: string): Promise<HandoverCount[]> => {
    const items = await queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `COUNT#${month}` },
    });
    return items.map((item) => ({
      month,
      centreId: String(item.centreId),
      kommuneCode: String(item.kommuneCode),
      declined: Number(item.declined ?? 0),
      consented: Number(item.consented ?? 0),
      wantsFriend: Number(item.wantsFriend ?? 0),
      withdrawn: Number(item.withdrawn ?? 0),
    }));
  };

export interface ConsentsTables {
  readonly consents: string;
  /** For the emails a write calls for (the kommune's), in the same transaction. */
  readonly outbox: string;
  /** For ending a refugee's matches at withdrawal. */
  readonly matches: string;
  /** For the waiting-refugees counter the public figures show. */
  readonly kommuner: string;
  /** For giving back a volunteer's place when a withdrawal ends their match. */
  readonly volunteers: string;
  /** The coordinators' tasks a withdrawal closes and a corrected kommune moves (when the function has the table). */
  readonly tasks?: string;
}

/**
 * The consents table: one item per handover (the consent, its appended events and the refugee's
 * details), monthly anonymous counters, and markers of declined submissions (no personal data).
 */
export const consentsRepository = (
  db: DynamoDBDocumentClient,
  names: ConsentsTables,
): HandoverStore & MatchingRecords => {
  const tableName = names.consents;
  const outboxTableName = names.outbox;
  return {
    async countDeclined(count, now) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...declinedKey(count.markerId),
                    month: count.month,
                    centreId: count.centreId,
                    kommuneCode: count.kommuneCode,
                    expiresAt: Math.floor(now.getTime() / 1000) + declinedMarkerSeconds,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              counterUpdate(tableName, count, 'declined'),
              // The same form saved as a "yes" before: one interview is one count.
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: recordKey(count.recordId),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return 'counted';
      } catch (error) {
        if (isCancelledByCondition(error, 0)) return 'already-counted';
        if (isCancelledByCondition(error, 2)) return 'already-recorded';
        throw error;
      }
    },

    async create(record, kommuneEmail, now, declinedMarkerId) {
      const writes = (takeBack?: Record<string, unknown>): TransactItem[] => {
        const consented = {
          centreId: record.centreId,
          kommuneCode: record.kommuneCode,
          month: interviewMonth(record.interviewDate),
        };
        const deltas = { consented: 1, ...(record.consent.shareWithVolunteers ? { wantsFriend: 1 } : {}) };
        // A "no" taken back by a "yes" on the same form: its count goes (one item, one update).
        const declined = takeBack && {
          centreId: String(takeBack.centreId ?? record.centreId),
          kommuneCode: String(takeBack.kommuneCode ?? record.kommuneCode),
          month: String(takeBack.month ?? consented.month),
        };
        const sameCount =
          declined &&
          handoverCountKey(declined).pk === handoverCountKey(consented).pk &&
          handoverCountKey(declined).sk === handoverCountKey(consented).sk;
        return [
          {
            Put: {
              TableName: tableName,
              Item: toItem(record),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          countUpdate(tableName, consented, sameCount ? { ...deltas, declined: -1 } : deltas),
          centreTotalItem(tableName, record.centreId),
          ...(kommuneEmail ? [outboxClaimItem(outboxTableName, kommuneEmail, now)] : []),
          ...kommuneCounterItems(
            names.kommuner,
            queueKey(record) ? [queueCounter(record.kommuneCode, 1)] : [],
          ),
          ...(declinedMarkerId
            ? [
                takeBack
                  ? {
                      Delete: {
                        TableName: tableName,
                        Key: declinedKey(declinedMarkerId),
                        ConditionExpression: 'attribute_exists(pk)',
                      },
                    }
                  : {
                      ConditionCheck: {
                        TableName: tableName,
                        Key: declinedKey(declinedMarkerId),
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
              ]
            : []),
          ...(declined && !sameCount ? [countUpdate(tableName, declined, { declined: -1 })] : []),
        ];
      };
      const first = writes();
      try {
        await db.send(new TransactWriteCommand({ TransactItems: first }));
        return true;
      } catch (error) {
        if (isCancelledByCondition(error, 0)) return false;
        if (!declinedMarkerId || !isCancelledByCondition(error, first.length - 1)) throw error;
      }
      // The same form was sent as a "no" first: this "yes" takes that count back.
      const { Item: marker } = await db.send(
        new GetCommand({ TableName: tableName, Key: declinedKey(declinedMarkerId), ConsistentRead: true }),
      );
      return transactUnlessDone(db, writes(marker ?? {}));
    },

    async get(id) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: recordKey(id), ConsistentRead: true }),
      );
      // The TTL backstop may not have deleted an expired record yet: it is gone all the same.
      const expired = typeof Item?.expiresAt === 'number' && Item.expiresAt <= Date.now() / 1000;
      return Item && !expired ? toRecord(Item) : undefined;
    },

    async correct(record, person: PersonDetails, kommuneCode, expectedVersion, now, effects) {
      const recipients = effects?.recipient
        ? [...effects.recipientsBefore, effects.recipient]
        : record.kommuneRecipients;
      const updated: HandoverRecord = {
        ...record,
        person,
        kommuneCode,
        ...(recipients ? { kommuneRecipients: recipients } : {}),
        version: expectedVersion + 1,
        updatedAt: now.toISOString(),
      };
      const queue = queueKey(updated);
      const keys = duplicateKeys(updated);
      const folded = nameKeys(person.name);
      const share = updated.consent.shareWithKommune ? kommuneCode : undefined;
      const moved = queue !== undefined && record.kommuneCode !== kommuneCode;
      const set = [
        'person = :person',
        'kommuneCode = :kommune',
        'updatedAt = :at',
        'version = version + :one',
        'phoneKey = :phoneKey',
        'nameFolded = :nameFolded',
        'surnameFolded = :surnameFolded',
        ...(queue ? ['kommuneStatus = :queue'] : []),
        ...(keys.personKey ? ['personKey = :personKey'] : []),
        // The digests' new arrivals follow the kommune: the old kommune's never show them again.
        ...(share ? ['kommuneShare = :share'] : []),
        ...(effects?.recipient ? ['kommuneRecipients = :recipients'] : []),
      ];
      const remove = keys.personKey ? [] : ['personKey'];
      const done = await transactUnlessChanged(db, [
        {
          Update: {
            TableName: tableName,
            Key: recordKey(record.id),
            UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
            // The same version and status the caller saw: a concurrent change or withdrawal wins.
            ConditionExpression: 'version = :version AND #status = :status AND attribute_exists(person)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':person': person,
              ':kommune': kommuneCode,
              ':at': updated.updatedAt,
              ':one': 1,
              ':version': expectedVersion,
              ':status': record.status,
              ':phoneKey': keys.phoneKey,
              ':nameFolded': folded.nameFolded,
              ':surnameFolded': folded.surnameFolded,
              ...(keys.personKey ? { ':personKey': keys.personKey } : {}),
              ...(queue ? { ':queue': queue } : {}),
              ...(share ? { ':share': share } : {}),
              ...(effects?.recipient ? { ':recipients': recipients } : {}),
            },
          },
        },
        // A waiting refugee who moves to another kommune is counted there instead.
        ...kommuneCounterItems(names.kommuner, [
          ...(moved ? [queueCounter(record.kommuneCode, -1), queueCounter(kommuneCode, 1)] : []),
          ...(effects?.movedMatches ?? []).flatMap((match) =>
            matchCounterChanges(match, { kommuneCode, status: match.status }),
          ),
        ]),
        // An open proposal or match moves along, so the new kommune's coordinators see it.
        ...(effects?.movedMatches ?? []).map((match) =>
          moveMatchItem(names.matches, match, kommuneCode, now),
        ),
        // Their open tasks go along: the new kommune's coordinators see them, the old one's no longer.
        ...(names.tasks
          ? (effects?.movedTasks ?? []).flatMap((task) => [
              closeTaskItem(names.tasks as string, task),
              openTaskItem(names.tasks as string, { ...(task as unknown as Task), kommuneCode }),
            ])
          : []),
        ...(effects?.emails ?? []).map((email) => outboxClaimItem(outboxTableName, email, now)),
      ]);
      return done ? updated : undefined;
    },

    async withdraw(record, event, kommuneNotices, endedMatches, now) {
      // Whom the kommune's notices go to stays on the record (a record from before the list gets one now).
      const recipients = kommuneRecipientsOf(record);
      const items: TransactItem[] = [
        {
          Update: {
            TableName: tableName,
            Key: recordKey(record.id),
            UpdateExpression: `SET #status = :withdrawn, consentEvents = list_append(consentEvents, :event), updatedAt = :at, version = version + :one${recipients.length ? ', kommuneRecipients = :recipients' : ''} REMOVE person, kommuneStatus, waitingSince, ${personalIndexAttributes}, currentMatchId, retention, eraseAfter, expiresAt`,
            // Only as read: a proposal made in between would otherwise outlive the withdrawal.
            ConditionExpression: `#status = :read AND ${record.currentMatchId ? 'currentMatchId = :match' : 'attribute_not_exists(currentMatchId)'}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':withdrawn': 'withdrawn',
              ':read': record.status,
              ...(record.currentMatchId ? { ':match': record.currentMatchId } : {}),
              ':event': [event],
              ':at': now.toISOString(),
              ':one': 1,
              ...(recipients.length ? { ':recipients': recipients } : {}),
            },
          },
        },
        counterUpdate(tableName, { ...record, month: interviewMonth(record.interviewDate) }, 'withdrawn'),
        ...kommuneNotices.map((notice) => outboxClaimItem(outboxTableName, notice, now)),
        ...endedMatches.flatMap((match) => [
          endMatchItem(names.matches, match, now),
          // The match's reminders go with it (a concern stays: the coordinator marks it done).
          ...(names.tasks
            ? (match.taskIds ?? []).map((id) =>
                closeTaskItem(names.tasks as string, { kommuneCode: match.kommuneCode, id }),
              )
            : []),
          outboxClaimItem(outboxTableName, match.email, now),
          ...(match.volunteer
            ? [volunteerSaveItem(names.volunteers, match.volunteer.before, match.volunteer.after)]
            : []),
        ]),
        ...kommuneCounterItems(names.kommuner, [
          ...(queueKey(record) ? [queueCounter(record.kommuneCode, -1)] : []),
          ...endedMatches.flatMap((match) =>
            match.volunteer ? counterChanges(match.volunteer.before, match.volunteer.after) : [],
          ),
          ...endedMatches.flatMap((match) => matchCounterChanges(match, { ...match, status: 'ended' })),
        ]),
      ];
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'withdrawn';
      } catch (error) {
        // The record, a match or its volunteer changed meanwhile (a proposal or an answer at this
        // very moment, or the same withdrawal twice): the caller reads again and writes again.
        if ((error as Error).name === 'TransactionCanceledException' || isTransactionConflict(error))
          return 'changed';
        throw error;
      }
    },

    listWaiting: kommuneNews(db, tableName).waiting,

    async possibleDuplicates(record) {
      const keys = duplicateKeys(record);
      const lookups = (
        [
          ['by-phone', 'phoneKey', keys.phoneKey],
          ['by-person', 'personKey', keys.personKey],
        ] as const
      ).filter(([, , key]) => key !== undefined);
      const found = await Promise.all(
        lookups.map(([index, attribute, key]) =>
          queryAll(db, {
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: '#key = :key',
            ExpressionAttributeNames: { '#key': attribute },
            ExpressionAttributeValues: { ':key': key },
          }),
        ),
      );
      const others = new Map<string, HandoverRecord>();
      for (const item of found.flat()) {
        const other = toRecord(item);
        if (other.id !== record.id) others.set(other.id, other);
      }
      return [...others.values()];
    },
  };
};
