import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { UnconfirmedVolunteers } from '../domain/retention.ts';
import { isAvailable, unconfirmedSchedule, type Volunteer, volunteerIdFor } from '../domain/volunteer.ts';
import { ConflictError } from '../lib/errors.ts';
import { outboxClaimItem } from './outbox-repository.ts';

import { queryAll } from './query-all.ts';
import type { TransactItem } from './transact-item.ts';

/** A volunteer's item key (the id follows from the address: volunteerIdFor). */
export const volunteerKey = (id: string) => ({ pk: `VOLUNTEER#${id}`, sk: 'PROFILE' });
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/** Unconfirmed sign-ups carry a TTL a day past their deletion date, as a backstop. */
const expiryOf = (v: Volunteer) =>
  v.status === 'unconfirmed' ? epoch(unconfirmedSchedule(v).deleteAt) + 24 * 3600 : undefined;

/** A volunteer as stored, with its index attributes (exported for seeding benchmarks with batch writes). */
export const toItem = (v: Volunteer) => ({
  ...volunteerKey(v.id),
  type: 'volunteer',
  ...v,
  kommuneStatus: `${v.kommuneCode}#${v.status === 'unconfirmed' ? 'unconfirmed' : isAvailable(v) ? 'available' : 'unavailable'}`,
  expiresAt: expiryOf(v),
});

/** The volunteers of one kommune in one state (`<kommune>#available`, `#unconfirmed` …), from their index. */
const byKommuneStatus = (db: DynamoDBDocumentClient, tableName: string, kommuneStatus: string) =>
  queryAll(db, {
    TableName: tableName,
    IndexName: 'by-kommune-status',
    KeyConditionExpression: 'kommuneStatus = :kommuneStatus',
    ExpressionAttributeValues: { ':kommuneStatus': kommuneStatus },
  });

const fromItem = (item: Record<string, unknown>): Volunteer => {
  const { pk: _pk, sk: _sk, type: _type, kommuneStatus: _ks, expiresAt: _exp, ...volunteer } = item;
  return volunteer as unknown as Volunteer;
};

/**
 * The volunteer as changed by another use case (a match taking or giving back a place), as one
 * write of its transaction: only if nobody changed them since they were read. `activeMatches` is
 * in the condition too, because two changes in the same millisecond share an `updatedAt`.
 */
export const volunteerSaveItem = (tableName: string, before: Volunteer, after: Volunteer): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: toItem(after),
    ConditionExpression: 'updatedAt = :before AND activeMatches = :places',
    ExpressionAttributeValues: { ':before': before.updatedAt, ':places': before.activeMatches },
  },
});

export class DuplicateEmailError extends Error {
  override readonly name = 'DuplicateEmailError';
  constructor() {
    super('A volunteer with this email exists');
  }
}

export interface VolunteersRepository {
  /** Stores a new volunteer with one conditional write; DuplicateEmailError if their email (their id) is taken. */
  create(volunteer: Volunteer): Promise<void>;
  get(id: string, now: Date): Promise<Volunteer | undefined>;
  findIdByEmail(email: string, now: Date): Promise<string | undefined>;
  /** Replaces `before` with `after` if nobody changed it meanwhile (ConflictError otherwise), with `extra` in the same transaction. */
  save(before: Volunteer, after: Volunteer, extra?: TransactItem[]): Promise<void>;
  /** Deletes the volunteer, with `extra` (anonymous counters) in the same transaction. */
  erase(volunteer: Volunteer, extra?: TransactItem[]): Promise<void>;
  /** Confirmed, not paused, ready volunteers with a place left in one kommune (the `by-kommune-status` index). */
  listAvailable(kommuneCode: string, now: Date): Promise<Volunteer[]>;
}

const isExpired = (item: Record<string, unknown> | undefined, now: Date) =>
  typeof item?.expiresAt === 'number' && item.expiresAt <= epoch(now);

export const volunteersRepository = (db: DynamoDBDocumentClient, tableName: string): VolunteersRepository => {
  const transact = async (items: TransactItem[]) => {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if ((error as Error).name === 'TransactionCanceledException') {
        const reasons =
          (error as { CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[] })
            .CancellationReasons ?? [];
        throw Object.assign(new ConflictError('Tilmeldingen blev ændret samtidig. Prøv igen.'), { reasons });
      }
      throw error;
    }
  };

  return {
    async create(volunteer) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(volunteer),
            // An unconfirmed sign-up past its deletion date (TTL not yet run) may be taken over.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': epoch(new Date(volunteer.createdAt)) },
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') throw new DuplicateEmailError();
        throw error;
      }
    },

    async get(id, now) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: volunteerKey(id), ConsistentRead: true }),
      );
      return Item && !isExpired(Item, now) ? fromItem(Item) : undefined;
    },

    async findIdByEmail(email, now) {
      const id = volunteerIdFor(email);
      const { Item } = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: volunteerKey(id),
          ConsistentRead: true,
          ProjectionExpression: 'pk, expiresAt',
        }),
      );
      return Item && !isExpired(Item, now) ? id : undefined;
    },

    async save(before, after, extra = []) {
      await transact([volunteerSaveItem(tableName, before, after), ...extra]);
    },

    async listAvailable(kommuneCode, now) {
      const items = await byKommuneStatus(db, tableName, `${kommuneCode}#available`);
      return items.filter((item) => !isExpired(item, now)).map(fromItem);
    },

    async erase(volunteer, extra = []) {
      await transact([
        {
          Delete: {
            TableName: tableName,
            Key: volunteerKey(volunteer.id),
            ConditionExpression: 'updatedAt = :before',
            ExpressionAttributeValues: { ':before': volunteer.updatedAt },
          },
        },
        ...extra,
      ]);
    },
  };
};

/**
 * The retention job's view of unconfirmed sign-ups: listed per kommune from the
 * `by-kommune-status` index (expired ones too: they are to be deleted), the one reminder marked in
 * the same transaction as its outbox entry, and deletion.
 */
export const unconfirmedVolunteers = (
  db: DynamoDBDocumentClient,
  tables: { volunteers: string; outbox: string },
): UnconfirmedVolunteers => {
  const repository = volunteersRepository(db, tables.volunteers);
  return {
    listUnconfirmed: async (kommuneCode) =>
      (await byKommuneStatus(db, tables.volunteers, `${kommuneCode}#unconfirmed`)).map(fromItem),
    async markReminded(volunteer, entry, now) {
      try {
        await repository.save(volunteer, { ...volunteer, reminderSentAt: now.toISOString() }, [
          outboxClaimItem(tables.outbox, entry, now),
        ]);
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },
    erase: (volunteer) => repository.erase(volunteer),
  };
};
