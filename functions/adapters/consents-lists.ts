/**
 * The staff's lists of handover records: pages of a caseworker's centres (`by-centre`, newest
 * first) and of the waiting queues (`by-kommune-status`, longest wait first), the centres' totals,
 * and searches through the reference, phone and folded-name indexes. Key and index Queries only:
 * a page costs one Query per centre or kommune, a search at most two per centre or kommune.
 */

import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { phoneKeyOf } from '../domain/duplicates.ts';
import type { HandoverRecord } from '../domain/handover.ts';
import type { SearchTerm } from '../domain/search-terms.ts';
import type { RecordLists, RecordScope } from '../domain/staff-lists.ts';
import { centreTotalKey, recordKey, toRecord } from './consents-table.ts';
import { pagedQuery } from './paged-query.ts';
import { batchGet, queryAll } from './query-all.ts';

type Item = Record<string, unknown>;

const notExpired = (item: Item) =>
  !(typeof item.expiresAt === 'number' && item.expiresAt <= Date.now() / 1000);

/**
 * The indexes a name search reads: the whole name always; the last name only for a single word
 * (a search with a space cannot be the beginning of one word).
 */
const nameIndexes = (prefix: string, name: string): [string, string][] => [
  [`${prefix}-name`, 'nameFolded'],
  ...(name.includes(' ') ? [] : ([[`${prefix}-surname`, 'surnameFolded']] as [string, string][])),
];

export const consentsLists = (db: DynamoDBDocumentClient, tableName: string): RecordLists => {
  const inScope = (scope: RecordScope) => (item: Item) =>
    'centres' in scope
      ? scope.centres.includes(String(item.centreId))
      : scope.queues.includes(String(item.kommuneStatus));

  const query = async (input: {
    index: string;
    condition: string;
    names?: Record<string, string>;
    values: Record<string, unknown>;
    limit: number | undefined;
  }) => {
    const base = {
      TableName: tableName,
      IndexName: input.index,
      KeyConditionExpression: input.condition,
      ExpressionAttributeNames: input.names,
      ExpressionAttributeValues: input.values,
    };
    if (input.limit === undefined) return queryAll(db, base);
    return (await db.send(new QueryCommand({ ...base, Limit: input.limit }))).Items ?? [];
  };

  return {
    async pageByCentres(centres, page, filter) {
      const conditions: string[] = [];
      const values: Record<string, unknown> = {};
      if (filter.status) {
        conditions.push('#status = :status');
        values[':status'] = filter.status;
      }
      if (filter.kommuneCode) {
        conditions.push('kommuneCode = :kommune');
        values[':kommune'] = filter.kommuneCode;
      }
      const found = await pagedQuery(db, {
        tableName,
        indexName: 'by-centre',
        partitionAttribute: 'centreId',
        sortAttribute: 'recordedAt',
        partitions: centres,
        forward: false,
        page,
        filter: conditions.length
          ? {
              expression: conditions.join(' AND '),
              names: filter.status ? { '#status': 'status' } : undefined,
              values,
            }
          : undefined,
      });
      return { ...found, items: found.items.filter(notExpired).map(toRecord) };
    },

    async pageWaiting(kommuner, page, filter, now) {
      const conditions: string[] = [];
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      if (filter.language) {
        conditions.push('contains(#person.languages, :language)');
        names['#person'] = 'person';
        values[':language'] = filter.language;
      }
      if (filter.household) {
        conditions.push('#person.household = :household');
        names['#person'] = 'person';
        values[':household'] = filter.household;
      }
      const until = filter.waitedDays
        ? new Date(now.getTime() - filter.waitedDays * 24 * 3600 * 1000).toISOString()
        : undefined;
      const found = await pagedQuery(db, {
        tableName,
        indexName: 'by-kommune-status',
        partitionAttribute: 'kommuneStatus',
        sortAttribute: 'waitingSince',
        partitions: kommuner.map((code) => `${code}#waiting`),
        forward: true,
        page,
        // Waiting time is the sort key: "at least N days" is a key condition, not a filter.
        sortCondition: until
          ? { expression: 'waitingSince <= :until', values: { ':until': until } }
          : undefined,
        filter: conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined,
      });
      return { ...found, items: found.items.filter(notExpired).map(toRecord) };
    },

    async search(scope, term: SearchTerm, limit) {
      const partitions = 'centres' in scope ? scope.centres : scope.queues;
      const partitionAttribute = 'centres' in scope ? 'centreId' : 'kommuneStatus';
      const prefix = 'centres' in scope ? 'by-centre' : 'by-queue';
      const reads: Promise<Item[]>[] = [];
      if (term.reference)
        reads.push(
          query({
            index: 'by-reference',
            condition: '#reference = :r',
            names: { '#reference': 'reference' },
            values: { ':r': term.reference },
            // Tiny partitions, read whole before the scope filter: a limit could fill with others'.
            limit: undefined,
          }),
        );
      if (term.phone)
        reads.push(
          query({
            index: 'by-phone',
            condition: 'phoneKey = :p',
            values: { ':p': phoneKeyOf(term.phone) },
            limit: undefined,
          }),
        );
      if (term.name)
        for (const partition of partitions)
          for (const [index, attribute] of nameIndexes(prefix, term.name))
            reads.push(
              query({
                index,
                condition: '#partition = :partition AND begins_with(#name, :name)',
                names: { '#partition': partitionAttribute, '#name': attribute },
                values: { ':partition': partition, ':name': term.name },
                limit,
              }),
            );
      const found = new Map<string, Item>();
      for (const item of (await Promise.all(reads)).flat())
        if (inScope(scope)(item) && notExpired(item)) found.set(String(item.id), item);
      return [...found.values()]
        .map(toRecord)
        .sort((a, b) => (a.person?.name ?? '').localeCompare(b.person?.name ?? '', 'da'))
        .slice(0, limit);
    },

    async centreTotal(centres) {
      const items = await batchGet(db, tableName, centres.map(centreTotalKey));
      return items.reduce((sum, item) => sum + Number(item.records ?? 0), 0);
    },

    async getMany(ids): Promise<HandoverRecord[]> {
      const items = await batchGet(db, tableName, ids.map(recordKey));
      return items.filter(notExpired).map(toRecord);
    },
  };
};
