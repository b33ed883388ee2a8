/**
 * The coordinators' volunteer list: confirmed volunteers per kommune from `by-kommune-status`
 * (`<kommune>#available` and `#unavailable`, latest activity first), and searches through the
 * folded-name indexes (`by-kommune-name`, `by-kommune-surname`). A page costs one Query per
 * kommune and availability; a search two per kommune.
 */

import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { VolunteerLists } from '../domain/staff-lists.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import { pagedQuery } from './paged-query.ts';
import { batchGet } from './query-all.ts';
import { fromItem, volunteerKey } from './volunteers-table.ts';

const availabilities = ['available', 'unavailable'] as const;

export const volunteersLists = (db: DynamoDBDocumentClient, tableName: string): VolunteerLists => ({
  async page(kommuner, page, filter) {
    const conditions: string[] = [];
    const values: Record<string, unknown> = {};
    if (filter.language) {
      conditions.push('contains(languages, :language)');
      values[':language'] = filter.language;
    }
    if (filter.kind) {
      conditions.push('kind = :kind');
      values[':kind'] = filter.kind;
    }
    // Two attributes of the same item compared: a place left.
    if (filter.withRoom) conditions.push('activeMatches < #capacity');
    if (filter.groups) {
      // Their own groups' volunteers, and those not yet assigned to any group.
      const names = filter.groups.map((_, i) => `:group${i}`);
      conditions.push(
        names.length
          ? `(attribute_not_exists(groupId) OR groupId IN (${names.join(', ')}))`
          : 'attribute_not_exists(groupId)',
      );
      filter.groups.forEach((group, i) => {
        values[`:group${i}`] = group;
      });
    }
    if (filter.ready) {
      conditions.push('#ready = :yes AND paused = :no');
      values[':yes'] = true;
      values[':no'] = false;
    }
    const shown = filter.availability ? [filter.availability] : availabilities;
    const found = await pagedQuery(db, {
      tableName,
      indexName: 'by-kommune-status',
      partitionAttribute: 'kommuneStatus',
      sortAttribute: 'updatedAt',
      partitions: kommuner.flatMap((code) => shown.map((availability) => `${code}#${availability}`)),
      forward: false,
      page,
      filter: conditions.length
        ? {
            expression: conditions.join(' AND '),
            names: {
              ...(filter.withRoom ? { '#capacity': 'capacity' } : {}),
              ...(filter.ready ? { '#ready': 'ready' } : {}),
            },
            values: Object.keys(values).length ? values : undefined,
          }
        : undefined,
    });
    return { ...found, items: found.items.map(fromItem) };
  },

  async search(kommuner, term, limit) {
    if (!term.name) return [];
    const reads = kommuner.flatMap((code) =>
      (
        [
          ['by-kommune-name', 'nameFolded'],
          // A search with a space cannot be the beginning of one word: no last-name Query for it.
          ...(term.name?.includes(' ') ? [] : [['by-kommune-surname', 'surnameFolded']]),
        ] as const
      ).map(async ([index, attribute]) => {
        const result = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: 'searchKommune = :kommune AND begins_with(#name, :name)',
            ExpressionAttributeNames: { '#name': attribute },
            ExpressionAttributeValues: { ':kommune': code, ':name': term.name },
            Limit: limit,
          }),
        );
        return result.Items ?? [];
      }),
    );
    const found = new Map<string, Volunteer>();
    for (const item of (await Promise.all(reads)).flat()) {
      const volunteer = fromItem(item);
      found.set(volunteer.id, volunteer);
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'da')).slice(0, limit);
  },

  async getMany(ids) {
    return (await batchGet(db, tableName, ids.map(volunteerKey))).map(fromItem);
  },
});
