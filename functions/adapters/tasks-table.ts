/** The tasks table's keys, items and transaction parts. */

import type { Task, TaskRef } from '../domain/coordinator-task.ts';
import type { TransactItem } from './transact-item.ts';

/**
 * The tasks table: `KOMMUNE#<code>` / `TASK#<id>` for a stored task (open while it has
 * `openKommune`, the sparse `by-kommune-open` index's key, sorted by due date), and
 * `KOMMUNE#<code>` / `HIDDEN#<id>` for a derived task someone marked done or snoozed. Tasks
 * hold ids, never names.
 */
export const taskKey = (kommuneCode: string, id: string) => ({
  pk: `KOMMUNE#${kommuneCode}`,
  sk: `TASK#${id}`,
});
export const hiddenKey = (kommuneCode: string, id: string) => ({
  pk: `KOMMUNE#${kommuneCode}`,
  sk: `HIDDEN#${id}`,
});

/** Done tasks stay readable for this long (who did it), then DynamoDB deletes them. */
export const doneTaskDays = 90;

export const toTaskItem = (task: Task) => ({
  ...taskKey(task.kommuneCode, task.id),
  ...task,
  openKommune: task.kommuneCode,
});

export const fromTaskItem = (item: Record<string, unknown>): Task => {
  const {
    pk: _pk,
    sk: _sk,
    openKommune: _open,
    expiresAt: _e,
    doneAt: _d,
    doneBy: _b,
    snoozedBy: _s,
    outcome: _o,
    ...task
  } = item;
  return task as unknown as Task;
};

/** A task a match's event opens (again: a new occurrence replaces a done or snoozed one). */
export const openTaskItem = (tableName: string, task: Task): TransactItem => ({
  Put: { TableName: tableName, Item: toTaskItem(task) },
});

/** A task the change made moot: gone (it was nobody's work). */
export const closeTaskItem = (tableName: string, ref: TaskRef): TransactItem => ({
  Delete: { TableName: tableName, Key: taskKey(ref.kommuneCode, ref.id) },
});
