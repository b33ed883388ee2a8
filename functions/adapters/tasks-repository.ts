import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Task, TaskStore } from '../domain/coordinator-tasks.ts';
import type { VolunteerRequest, VolunteerRequestStore } from '../domain/volunteer-requests.ts';
import { batchGet, queryAll } from './query-all.ts';
import { doneTaskDays, fromTaskItem, hiddenKey, taskKey, toTaskItem } from './tasks-table.ts';
import { epoch } from './volunteers-table.ts';

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** Updates a task only while it is open; false when there is no such open task. */
const settleOpenTask = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  kommuneCode: string,
  id: string,
  update: string,
  values: Record<string, unknown>,
): Promise<boolean> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: taskKey(kommuneCode, id),
        UpdateExpression: update,
        ConditionExpression: 'attribute_exists(openKommune)',
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** A task done: who did it and when, kept for `doneTaskDays`; `outcome` when it says more (declined). */
const completeTask = (
  db: DynamoDBDocumentClient,
  tableName: string,
  kommuneCode: string,
  id: string,
  by: { sub: string; name: string },
  now: Date,
  outcome?: string,
) =>
  settleOpenTask(
    db,
    tableName,
    kommuneCode,
    id,
    `SET doneAt = :at, doneBy = :by, expiresAt = :expires${outcome ? ', outcome = :outcome' : ''} REMOVE openKommune`,
    {
      ':at': now.toISOString(),
      ':by': by,
      ':expires': epoch(now) + doneTaskDays * 86_400,
      ...(outcome ? { ':outcome': outcome } : {}),
    },
  );

export const tasksRepository = (db: DynamoDBDocumentClient, tableName: string): TaskStore => {
  return {
    async openDue(kommuneCode, until) {
      return (
        await queryAll(db, {
          TableName: tableName,
          IndexName: 'by-kommune-open',
          KeyConditionExpression: 'openKommune = :kommune AND dueAt <= :until',
          ExpressionAttributeValues: { ':kommune': kommuneCode, ':until': until },
        })
      ).map(fromTaskItem);
    },

    async hidden(kommuneCode) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hidden)',
        ExpressionAttributeValues: { ':pk': `KOMMUNE#${kommuneCode}`, ':hidden': 'HIDDEN#' },
      });
      return new Map(items.map((item) => [String(item.taskId), String(item.hiddenUntil)]));
    },

    complete: (kommuneCode, id, by, now) => completeTask(db, tableName, kommuneCode, id, by, now),

    // A snooze only ever moves a task later: one not yet due keeps its own, later, day.
    async snooze(kommuneCode, id, until, by) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: taskKey(kommuneCode, id),
            UpdateExpression: 'SET dueAt = :until, snoozedBy = :by',
            ConditionExpression: 'attribute_exists(openKommune) AND dueAt < :until',
            ExpressionAttributeValues: { ':until': until, ':by': by },
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const { Item } = await db.send(
          new GetCommand({ TableName: tableName, Key: taskKey(kommuneCode, id) }),
        );
        return Boolean(Item?.openKommune);
      }
    },

    async existing(kommuneCode, ids) {
      if (ids.length === 0) return [];
      const items = await batchGet(
        db,
        tableName,
        ids.map((id) => taskKey(kommuneCode, id)),
      );
      return items.filter((item) => item.openKommune).map(fromTaskItem);
    },

    async hide(kommuneCode, id, until, by, now) {
      const forGood = until >= '9999';
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...hiddenKey(kommuneCode, id),
            taskId: id,
            hiddenUntil: until,
            by,
            at: now.toISOString(),
            // A done note outlives its cause by far; a snooze goes a day after it ends.
            expiresAt: forGood ? epoch(now) + 400 * 86_400 : epoch(new Date(`${until}T00:00:00Z`)) + 86_400,
          },
        }),
      );
    },
  };
};

/** Requests for another group's volunteer: tasks of kind `volunteer-request` (volunteer-requests.ts). */
export const volunteerRequests = (db: DynamoDBDocumentClient, tableName: string): VolunteerRequestStore => {
  const store: VolunteerRequestStore = {
    async open(task: Task) {
      await db.send(new PutCommand({ TableName: tableName, Item: toTaskItem(task) }));
    },
    async ofRefugee(kommuneCode, consentId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': `KOMMUNE#${kommuneCode}`,
          ':prefix': `TASK#volunteer-request#${consentId}#`,
        },
      });
      return items.map(
        (item): VolunteerRequest => ({
          id: String(item.id),
          kommuneCode,
          consentId,
          groupId: String(item.groupId),
          requestedBy: item.requestedBy as VolunteerRequest['requestedBy'],
          fromGroups: (item.fromGroups as string[] | undefined) ?? [],
          createdAt: String(item.createdAt),
          status: item.openKommune ? 'open' : item.outcome === 'declined' ? 'declined' : 'done',
          ...(typeof item.doneAt === 'string' ? { answeredAt: item.doneAt } : {}),
        }),
      );
    },
    async closeAll(kommuneCode, consentId) {
      const open = (await store.ofRefugee(kommuneCode, consentId)).filter((r) => r.status === 'open');
      for (const request of open)
        await db.send(new DeleteCommand({ TableName: tableName, Key: taskKey(kommuneCode, request.id) }));
      return open.length;
    },
    decline: (kommuneCode, id, by, now) => completeTask(db, tableName, kommuneCode, id, by, now, 'declined'),
  };
  return store;
};
