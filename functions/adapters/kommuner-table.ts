/** The kommuner table's keys and the transaction parts other writes move its counters and figures with. */

import type { CounterChange, KommuneCounters } from '../domain/kommune.ts';
import type { DigestContact } from '../domain/kommune-digest.ts';
import type { FigureChange } from '../domain/matching.ts';
import type { RecruitmentChange } from '../domain/secretariat-figures.ts';
import type { TransactItem } from './transact-item.ts';

/** A kommune's item: its name, region, settings and counters. */
export const kommuneKey = (code: string) => ({ pk: 'KOMMUNE', sk: code });

export const contactKey = (kommuneCode: string, contactId: string) => ({
  pk: 'DIGEST-CONTACT',
  sk: `${kommuneCode}#${contactId}`,
});

export const toContact = (item: Record<string, unknown>): DigestContact => ({
  kommuneCode: String(item.kommuneCode),
  contactId: String(item.contactId),
  email: String(item.email),
  addedAt: String(item.addedAt),
});

export const counterNames: (keyof KommuneCounters)[] = [
  'availableVolunteers',
  'waitingRefugees',
  'confirmedVolunteers',
  'volunteersLeft',
  'listedVolunteers',
];

/** Monthly figures per kommune (`FIGURES#<yyyy-mm>` / `<kommune>` in the kommuner table). */
export const figuresItem = (tableName: string, change: FigureChange): TransactItem => {
  const add: string[] = [];
  const set = ['kommuneCode = :kommune', '#month = :month'];
  const values: Record<string, unknown> = { ':kommune': change.kommuneCode, ':month': change.month };
  if (change.matchesMade) {
    add.push('matchesMade :made');
    values[':made'] = change.matchesMade;
  }
  if (change.reachedSixMonths) {
    add.push('reachedSixMonths :six');
    values[':six'] = change.reachedSixMonths;
  }
  const names: Record<string, string> = { '#month': 'month' };
  const count = (attribute: string, by = 1) => {
    const n = `#c${Object.keys(names).length}`;
    names[n] = attribute;
    const v = by === 1 ? ':one' : `:v${Object.keys(names).length}`;
    add.push(`${n} ${v}`);
    values[v] = by;
  };
  if (change.endedEarly) count(`endedEarly:${change.endedEarly}`);
  if (change.endedAfterSixMonths) count('endedAfterSixMonths');
  // The group's outcomes beside the kommune's, on the same item (a transaction touches it once).
  if (change.groupId) {
    const group = `group:${change.groupId}:`;
    if (change.matchesMade) count(`${group}matchesMade`, change.matchesMade);
    if (change.reachedSixMonths) count(`${group}reachedSixMonths`, change.reachedSixMonths);
    if (change.endedEarly) count(`${group}endedEarly`);
    if (change.endedAfterSixMonths) count(`${group}endedAfterSixMonths`);
  }
  if (change.checkInAnswer) count(`checkIn:${change.checkInAnswer}`);
  if (change.meetingsPerMonth !== undefined) {
    set.push('meetingsPerMonth = list_append(if_not_exists(meetingsPerMonth, :empty), :meetings)');
    values[':empty'] = [];
    values[':meetings'] = [change.meetingsPerMonth];
  }
  if (change.daysToMatch !== undefined) {
    // The days of each match of the month: the median is read from them.
    set.push('daysToMatch = list_append(if_not_exists(daysToMatch, :empty), :days)');
    values[':empty'] = [];
    values[':days'] = [change.daysToMatch];
  }
  return {
    Update: {
      TableName: tableName,
      Key: { pk: `FIGURES#${change.month}`, sk: change.kommuneCode },
      UpdateExpression: `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

/** Counter changes to run inside another table's transaction: one update per kommune (a transaction may touch an item once). */
export const kommuneCounterItems = (tableName: string, changes: readonly CounterChange[]): TransactItem[] => {
  const byKommune = new Map<string, Map<string, number>>();
  for (const change of changes) {
    const counters = byKommune.get(change.kommuneCode) ?? new Map<string, number>();
    counters.set(change.counter, (counters.get(change.counter) ?? 0) + change.delta);
    byKommune.set(change.kommuneCode, counters);
  }
  return [...byKommune]
    .map(([kommuneCode, counters]) => {
      const entries = [...counters].filter(([, delta]) => delta !== 0);
      return {
        Update: {
          TableName: tableName,
          Key: kommuneKey(kommuneCode),
          UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, delta], i) => [`:d${i}`, delta])),
        },
      };
    })
    .filter((item) => Object.keys(item.Update.ExpressionAttributeNames).length > 0);
};

/** A confirmed volunteer counted under their campaign source, inside the confirmation's transaction. */
export const recruitmentItems = (
  tableName: string,
  change: RecruitmentChange | undefined,
): TransactItem[] => {
  if (!change) return [];
  const { source } = change;
  const campaign = source.channel === 'campaign' ? (source.campaign ?? '') : '';
  return [
    {
      Update: {
        TableName: tableName,
        Key: {
          pk: `RECRUITED#${change.month}`,
          sk: `${change.kommuneCode}#${source.channel}#${source.source}#${campaign}`,
        },
        UpdateExpression: `SET kommuneCode = :kommune, #month = :month, channel = :channel, #source = :source, campaign = :campaign ADD #count :one${change.groupId ? ', #group :one' : ''}`,
        ExpressionAttributeNames: {
          '#month': 'month',
          '#source': 'source',
          '#count': 'count',
          // Of the count, the volunteer's local group's.
          ...(change.groupId ? { '#group': `group:${change.groupId}` } : {}),
        },
        ExpressionAttributeValues: {
          ':kommune': change.kommuneCode,
          ':month': change.month,
          ':channel': source.channel,
          ':source': source.source,
          ':campaign': campaign,
          ':one': 1,
        },
      },
    },
  ];
};
