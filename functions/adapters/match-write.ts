import { matchCounterChanges } from '../domain/kommune.ts';
import { type MatchWrite, MatchWriteConflict, type WritePart } from '../domain/matching.ts';
import { consentMoveItem } from './consents-table.ts';
import { figuresItem, kommuneCounterItems } from './kommuner-table.ts';
import { eventItem, toItem as matchItem } from './matches-table.ts';
import { outboxClaimItem } from './outbox-table.ts';
import { closeTaskItem, openTaskItem } from './tasks-table.ts';
import type { TransactItem } from './transact-item.ts';
import { volunteerKey, volunteerSaveItem } from './volunteers-table.ts';

/** One match change as the writes of one transaction, across the tables it touches: a unit of work from the tables' own builders. */

export interface MatchesTables {
  readonly matches: string;
  readonly consents: string;
  readonly volunteers: string;
  readonly kommuner: string;
  readonly outbox: string;
  /** The coordinators' tasks (empty for a writer whose changes open or close none). */
  readonly tasks?: string;
}

/**
 * The writes of one match change, in transaction order, and which part each conditional write is
 * (to name the part whose condition failed): for a use case's own transaction, or a larger one
 * that ends several matches at once (a volunteer who leaves).
 */
/** A change's kommune counters with its match's own: the caller of `withCounters = false` merges these. */
export const countersOf = (change: MatchWrite) => [
  ...change.counters,
  ...matchCounterChanges(change.match.before, change.match.after),
];

export const matchWriteItems = (
  tables: MatchesTables,
  change: MatchWrite,
  now: Date,
  /** False when the caller merges the counters of several changes into one update per kommune. */
  withCounters = true,
): { items: TransactItem[]; parts: (WritePart | undefined)[] } => {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tables.matches,
        Item: matchItem(change.match.after),
        ...(change.match.before
          ? {
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': change.match.before.version },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
  ];
  const parts: (WritePart | undefined)[] = ['match'];
  if (change.consent) {
    items.push(consentMoveItem(tables.consents, change.consent, now));
    parts.push('consent');
  }
  if (change.volunteer) {
    items.push(volunteerSaveItem(tables.volunteers, change.volunteer.before, change.volunteer.after));
    parts.push('volunteer');
  }
  if (change.volunteerStays) {
    items.push({
      ConditionCheck: {
        TableName: tables.volunteers,
        Key: volunteerKey(change.volunteerStays),
        ConditionExpression: 'attribute_exists(pk)',
      },
    });
    parts.push('volunteer-gone');
  }
  const rest = [
    ...(withCounters ? kommuneCounterItems(tables.kommuner, countersOf(change)) : []),
    ...(change.figures
      ? [
          figuresItem(tables.kommuner, {
            ...change.figures,
            groupId: change.figures.groupId ?? change.match.after.groupId,
          }),
        ]
      : []),
  ];
  items.push(...rest);
  parts.push(...rest.map(() => undefined));
  for (const email of change.emails) {
    items.push(outboxClaimItem(tables.outbox, email, now));
    parts.push('email');
  }
  for (const event of change.events ?? []) {
    items.push({
      Put: {
        TableName: tables.matches,
        Item: eventItem(event),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    parts.push('event');
  }
  const tasks = [
    ...(change.tasks?.open ?? []).map((task) => openTaskItem(tasksTable(tables), task)),
    ...(change.tasks?.close ?? []).map((ref) => closeTaskItem(tasksTable(tables), ref)),
  ];
  items.push(...tasks);
  parts.push(...tasks.map(() => undefined));
  return { items, parts };
};

const tasksTable = (tables: MatchesTables): string => {
  if (!tables.tasks)
    throw new Error('This function was not given the tasks table, but its change opens or closes tasks');
  return tables.tasks;
};

/** The part a cancelled transaction names, as MatchWriteConflict; anything else is rethrown as it is. */
export const matchWriteConflict = (error: unknown, parts: readonly (WritePart | undefined)[]): unknown => {
  if ((error as Error).name !== 'TransactionCanceledException') return error;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  const part = failed >= 0 ? parts[failed] : undefined;
  if (part) return new MatchWriteConflict(part);
  // Two writers at once (TransactionConflict): as good as "changed meanwhile".
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return new MatchWriteConflict('match');
  return error;
};
