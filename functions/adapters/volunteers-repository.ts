import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { UnconfirmedVolunteers, VolunteerBackfill } from '../domain/retention.ts';
import { applyAction, type Volunteer } from '../domain/volunteer.ts';
import { counterChanges } from '../domain/volunteer-counters.ts';
import {
  DuplicateEmailError,
  VolunteerChangedError,
  type VolunteerStore,
} from '../domain/volunteer-store.ts';
import { kommuneCounterItems } from './kommuner-table.ts';
import { outboxClaimItem } from './outbox-table.ts';
import { queryAll } from './query-all.ts';
import type { TransactItem } from './transact-item.ts';
import {
  emailGuardKey,
  epoch,
  expiryOf,
  fromItem,
  guardItem,
  toItem,
  volunteerKey,
  volunteerSaveItem,
} from './volunteers-table.ts';

/** The stored item of the volunteer an address belongs to, through its guard (for tests, benchmarks and tools). */
export const volunteerItemByEmail = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  email: string,
): Promise<Record<string, unknown> | undefined> => {
  const read = (Key: Record<string, string>) =>
    db.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
  const { Item: guard } = await read(emailGuardKey(email));
  if (typeof guard?.volunteerId !== 'string') return undefined;
  return (await read(volunteerKey(guard.volunteerId))).Item;
};

/** The volunteers of one kommune in one state (`<kommune>#available`, `#unconfirmed` …), from their index. */
const byKommuneStatus = (db: DynamoDBDocumentClient, tableName: string, kommuneStatus: string) =>
  queryAll(db, {
    TableName: tableName,
    IndexName: 'by-kommune-status',
    KeyConditionExpression: 'kommuneStatus = :kommuneStatus',
    ExpressionAttributeValues: { ':kommuneStatus': kommuneStatus },
  });

type CancellationReason = { Code?: string; Item?: Record<string, unknown> };

const cancellationReasons = (error: unknown): CancellationReason[] =>
  (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];

/** A string attribute of an item a cancellation returned (raw AttributeValues: the document client leaves errors alone). */
const stringAttribute = (item: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = item?.[name];
  if (typeof value === 'string') return value;
  const raw = (value as { S?: unknown } | undefined)?.S;
  return typeof raw === 'string' ? raw : undefined;
};

/** The volunteers table, with the transaction parts a larger write is built from. */
export interface VolunteersRepository extends VolunteerStore {
  /** Stores a new volunteer and their email guard in one transaction; DuplicateEmailError if the address is taken. */
  create(volunteer: Volunteer): Promise<void>;
  get(id: string, now: Date): Promise<Volunteer | undefined>;
  findIdByEmail(email: string, now: Date): Promise<string | undefined>;
  /** Replaces `before` with `after` if nobody changed it meanwhile (VolunteerChangedError otherwise), with `extra` in the same transaction. */
  save(before: Volunteer, after: Volunteer, extra?: TransactItem[]): Promise<void>;
  /** Deletes the volunteer and their email guard, with `extra` (anonymous counters) in the same transaction. */
  erase(volunteer: Volunteer, extra?: TransactItem[]): Promise<void>;
  /** The writes that erase the volunteer and their guard, for a larger transaction (the volunteer first). */
  eraseItems(volunteer: Volunteer): Promise<TransactItem[]>;
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
        const reasons = cancellationReasons(error);
        throw new VolunteerChangedError(reasons);
      }
      throw error;
    }
  };

  const guardOf = async (email: string) =>
    (await db.send(new GetCommand({ TableName: tableName, Key: emailGuardKey(email), ConsistentRead: true })))
      .Item;

  const eraseItems = async (volunteer: Volunteer): Promise<TransactItem[]> => {
    // The guard goes too, unless a new sign-up took the address over (an expired unconfirmed one).
    const guard = await guardOf(volunteer.email);
    return [
      {
        Delete: {
          TableName: tableName,
          Key: volunteerKey(volunteer.id),
          // As read: a place taken at the same moment (same updatedAt) shows in activeMatches.
          ConditionExpression: 'updatedAt = :before AND activeMatches = :places',
          ExpressionAttributeValues: { ':before': volunteer.updatedAt, ':places': volunteer.activeMatches },
        },
      },
      ...(guard?.volunteerId === volunteer.id
        ? [
            {
              Delete: {
                TableName: tableName,
                Key: emailGuardKey(volunteer.email),
                ConditionExpression: 'volunteerId = :id',
                ExpressionAttributeValues: { ':id': volunteer.id },
              },
            },
          ]
        : []),
    ];
  };

  return {
    eraseItems,

    async create(volunteer) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: guardItem(volunteer),
                  // An unconfirmed sign-up past its deletion date (TTL not yet run) may be taken over.
                  ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
                  ExpressionAttributeValues: { ':now': epoch(new Date(volunteer.createdAt)) },
                  // Whose address it is comes back with the refusal: no second read.
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: toItem(volunteer),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        const [guard] = cancellationReasons(error);
        if (
          (error as Error).name === 'TransactionCanceledException' &&
          guard?.Code === 'ConditionalCheckFailed'
        )
          throw new DuplicateEmailError(stringAttribute(guard.Item, 'volunteerId'));
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
      const guard = await guardOf(email);
      return guard && !isExpired(guard, now) && typeof guard.volunteerId === 'string'
        ? guard.volunteerId
        : undefined;
    },

    async save(before, after, extra = []) {
      // A confirmation ends the sign-up's expiry: the guard keeps the volunteer's.
      const guard: TransactItem[] =
        expiryOf(before) === expiryOf(after)
          ? []
          : [
              {
                Put: {
                  TableName: tableName,
                  Item: guardItem(after),
                  ConditionExpression: 'attribute_not_exists(pk) OR volunteerId = :id',
                  ExpressionAttributeValues: { ':id': after.id },
                },
              },
            ];
      await transact([volunteerSaveItem(tableName, before, after), ...guard, ...extra]);
    },

    async listAvailable(kommuneCode, now) {
      const items = await byKommuneStatus(db, tableName, `${kommuneCode}#available`);
      return items.filter((item) => !isExpired(item, now)).map(fromItem);
    },

    async erase(volunteer, extra = []) {
      await transact([...(await eraseItems(volunteer)), ...extra]);
    },
  };
};

/** The kommune's confirmed volunteers whose attention day has come (the coordinators' tasks): one Query. */
export const volunteersNeedingAttention =
  (db: DynamoDBDocumentClient, tableName: string) =>
  async (kommuneCode: string, today: string): Promise<Volunteer[]> =>
    (
      await queryAll(db, {
        TableName: tableName,
        IndexName: 'by-kommune-attention',
        KeyConditionExpression: 'attentionKommune = :kommune AND attentionOn <= :today',
        ExpressionAttributeValues: { ':kommune': kommuneCode, ':today': today },
      })
    ).map(fromItem);

/** The nightly run's one-time backfill of volunteers stored before the coordinators' tasks existed. */
export const volunteerBackfill = (
  db: DynamoDBDocumentClient,
  tables: { volunteers: string; matches: string; kommuner: string },
): VolunteerBackfill => {
  const marker = { pk: 'SYSTEM', sk: 'MIGRATION#volunteer-task-keys' };
  const repository = volunteersRepository(db, tables.volunteers);
  return {
    async pending() {
      const { Item } = await db.send(new GetCommand({ TableName: tables.kommuner, Key: marker }));
      return !Item;
    },
    async markDone(at) {
      await db.send(
        new PutCommand({ TableName: tables.kommuner, Item: { ...marker, doneAt: at.toISOString() } }),
      );
    },
    async listConfirmed(code) {
      const [available, unavailable] = await Promise.all([
        byKommuneStatus(db, tables.volunteers, `${code}#available`),
        byKommuneStatus(db, tables.volunteers, `${code}#unavailable`),
      ]);
      return [...available, ...unavailable].map(fromItem);
    },
    async firstProposal(volunteerId) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tables.matches,
          IndexName: 'by-volunteer',
          KeyConditionExpression: 'volunteerId = :id',
          ExpressionAttributeValues: { ':id': volunteerId },
          ScanIndexForward: true,
          Limit: 1,
        }),
      );
      return Items[0] ? String(Items[0].createdAt) : undefined;
    },
    async resave(before, after) {
      try {
        await repository.save(before, after);
        return true;
      } catch {
        // Changed meanwhile (a sign-in, a match): their own save wrote the keys.
        return false;
      }
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
  tables: { volunteers: string; outbox: string; kommuner: string },
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
        if (error instanceof VolunteerChangedError) return false;
        throw error;
      }
    },
    erase: (volunteer) => repository.erase(volunteer),
    listUnavailable: async (kommuneCode) =>
      (await byKommuneStatus(db, tables.volunteers, `${kommuneCode}#unavailable`)).map(fromItem),
    async endPause(volunteer, now) {
      try {
        // Available again: the kommune's counters move in the same transaction, as with every save.
        const after = applyAction(volunteer, 'resume', now);
        await repository.save(
          volunteer,
          after,
          kommuneCounterItems(tables.kommuner, counterChanges(volunteer, after)),
        );
        return true;
      } catch (error) {
        if (error instanceof VolunteerChangedError) return false;
        throw error;
      }
    },
  };
};
