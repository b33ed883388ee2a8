import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { tasksMootFor } from '../domain/coordinator-task.ts';
import type { MatchLookup, OpenMatch } from '../domain/handover.ts';
import { isOpen } from '../domain/match.ts';
import type { MatchStore } from '../domain/matching.ts';
import type { MatchLists } from '../domain/staff-lists.ts';
import { type MatchesTables, matchWriteConflict, matchWriteItems } from './match-write.ts';
import { matchKey, toEvent, toMatch } from './matches-table.ts';
import { pagedQuery } from './paged-query.ts';
import { queryAll } from './query-all.ts';

export const matchesRepository = (
  db: DynamoDBDocumentClient,
  tables: MatchesTables,
): MatchStore & MatchLookup & MatchLists => {
  const tableName = tables.matches;
  const listBy = (index: 'by-consent' | 'by-volunteer', attribute: string) => async (id: string) =>
    (
      await queryAll(db, {
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': attribute },
        ExpressionAttributeValues: { ':id': id },
        ScanIndexForward: false,
      })
    ).map(toMatch);
  /** Every match of one refugee, newest first (the `by-consent` index). */
  const listByConsent = listBy('by-consent', 'consentId');
  const get = async (id: string) => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: matchKey(id), ConsistentRead: true }),
    );
    return Item ? toMatch(Item) : undefined;
  };
  return {
    get,

    listByKommune: async (kommuneCode, status) =>
      (
        await queryAll(db, {
          TableName: tableName,
          IndexName: 'by-kommune-status',
          KeyConditionExpression: 'kommuneStatus = :ks',
          ExpressionAttributeValues: { ':ks': `${kommuneCode}#${status}` },
        })
      ).map(toMatch),

    listByConsent,

    async page(kommuner, statuses, page) {
      const found = await pagedQuery(db, {
        tableName,
        indexName: 'by-kommune-status',
        partitionAttribute: 'kommuneStatus',
        sortAttribute: 'createdAt',
        partitions: kommuner.flatMap((code) => statuses.map((status) => `${code}#${status}`)),
        forward: false,
        page,
      });
      return { ...found, items: found.items.map(toMatch) };
    },

    listByVolunteer: listBy('by-volunteer', 'volunteerId'),

    async events(matchId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
        ExpressionAttributeValues: { ':pk': `MATCH#${matchId}`, ':event': 'EVENT#' },
      });
      const now = Date.now() / 1000;
      // TTL deletes within days: a note past its year is not shown meanwhile.
      return items.filter((item) => !(Number(item.expiresAt) < now)).map(toEvent);
    },

    async openMatchesOf(handoverId, currentMatchId) {
      const [listed, current] = await Promise.all([
        listByConsent(handoverId),
        currentMatchId ? get(currentMatchId) : undefined,
      ]);
      const byId = new Map(listed.map((match) => [match.id, match]));
      if (current) byId.set(current.id, current);
      return [...byId.values()]
        .filter((match) => match.consentId === handoverId && isOpen(match.status))
        .map(
          (match): OpenMatch => ({
            matchId: match.id,
            volunteerId: match.volunteerId,
            kommuneCode: match.kommuneCode,
            status: match.status as OpenMatch['status'],
            version: match.version,
            taskIds: tasksMootFor(match).map((ref) => ref.id),
          }),
        );
    },

    async forgetNotes(handoverId) {
      let forgotten = 0;
      for (const match of await listByConsent(handoverId)) {
        const items = await queryAll(db, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
          FilterExpression: 'attribute_exists(note)',
          ExpressionAttributeValues: { ':pk': `MATCH#${match.id}`, ':event': 'EVENT#' },
        });
        for (const item of items) {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: 'SET noteErased = :at REMOVE note',
              ExpressionAttributeValues: { ':at': new Date().toISOString() },
            }),
          );
          forgotten++;
        }
      }
      return forgotten;
    },

    async write(change, now) {
      const { items, parts } = matchWriteItems(tables, change, now);
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        throw matchWriteConflict(error, parts);
      }
    },
  };
};
