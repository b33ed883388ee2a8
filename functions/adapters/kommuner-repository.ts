import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterChange, Kommune, KommuneCounters, KommuneWithCounters } from '../domain/kommune.ts';
import {
  contactIdFor,
  type DigestContact,
  type KommuneForDigest,
  type QuietDigest,
} from '../domain/kommune-digest.ts';
import type {
  GroupMatchCounts,
  MatchFigures,
  Recruitment,
  RecruitmentChange,
} from '../domain/secretariat-figures.ts';
import type { KommuneListCounters } from '../domain/staff-lists.ts';
import type { SystemStatus } from '../domain/system-status.ts';
import { forEachConcurrently } from '../lib/concurrently.ts';
import {
  contactKey,
  counterNames,
  kommuneCounterItems,
  kommuneKey,
  recruitmentItems,
  toContact,
} from './kommuner-table.ts';
import { batchGet, queryAll } from './query-all.ts';
import type { TransactItem } from './transact-item.ts';

/**
 * The kommuner table. Items by kind:
 * - `KOMMUNE` / `<code>`: one per kommune: name, region and its counters (available volunteers,
 *   waiting refugees, …), kept in step by the transactions that change them. One Query reads all
 *   98 with their figures, whatever the number of volunteers.
 * - `SYSTEM` / `STATUS`: when the scheduler last fired.
 * - `FIGURES#<yyyy-mm>` / `<code>`: the month's matches made, days to match, six-month matches.
 * - `RECRUITED#<yyyy-mm>` / `<code>#<source>`: volunteers confirmed that month per campaign source.
 * - `DIGEST-CONTACT` / `<code>#<contact>`: who gets the kommune's weekly digest (one Query lists all).
 */
export interface KommunerRepository {
  getSystemStatus(): Promise<SystemStatus>;
  recordHeartbeat(at: string): Promise<void>;
  recordJobRun(job: string, at: string): Promise<void>;
  /** Writes names and regions, leaving the counters as they are. */
  putKommuner(kommuner: readonly Kommune[]): Promise<void>;
  listWithCounters(): Promise<KommuneWithCounters[]>;
  /** Some kommuner with their counters and match counts per status: one BatchGetItem (a list's totals). */
  countersOf(codes: readonly string[]): Promise<KommuneListCounters[]>;
  /** Counter changes to run inside another table's transaction: one update per kommune (a transaction may touch an item once). */
  counterUpdates(changes: readonly CounterChange[]): TransactItem[];
  /** A confirmed volunteer counted under their campaign source, inside the confirmation's transaction. */
  recruitmentUpdates(change: RecruitmentChange | undefined): TransactItem[];
  /** One month's match figures of every kommune: one Query. */
  matchFigures(month: string): Promise<MatchFigures[]>;
  kommuneMatchFigures(code: string, months: readonly string[]): Promise<MatchFigures[]>;
  /** One month's recruitment per kommune and source: one Query. */
  recruitment(month: string): Promise<Recruitment[]>;
  /** One kommune with its counters and digest setting: one GetItem. */
  getKommune(code: string): Promise<KommuneForDigest | undefined>;
  listDigestContacts(): Promise<DigestContact[]>;
  getDigestContact(kommuneCode: string, contactId: string): Promise<DigestContact | undefined>;
  addDigestContact(kommuneCode: string, email: string, now: Date): Promise<DigestContact>;
  /** False when there was no such contact. */
  removeDigestContact(kommuneCode: string, email: string): Promise<boolean>;
  setQuietDigest(kommuneCode: string, setting: QuietDigest): Promise<void>;
}

const matchFiguresOf = (month: string, item: Record<string, unknown>) => ({
  month,
  kommuneCode: String(item.kommuneCode),
  matchesMade: Number(item.matchesMade ?? 0),
  daysToMatch: Array.isArray(item.daysToMatch) ? item.daysToMatch.map(Number) : [],
  reachedSixMonths: Number(item.reachedSixMonths ?? 0),
  endedAfterSixMonths: Number(item.endedAfterSixMonths ?? 0),
  meetingsPerMonth: Array.isArray(item.meetingsPerMonth) ? item.meetingsPerMonth.map(Number) : [],
  endedEarly: prefixed(item, 'endedEarly:'),
  checkInAnswers: prefixed(item, 'checkIn:'),
  byGroup: groupCountsOf(item),
});

/** The counters an item keeps per local group (`group:<id>:<name>`) of these names; a missing one is 0. */
const perGroup = <N extends string>(
  item: Record<string, unknown>,
  names: readonly N[],
): Record<string, Record<N, number>> => {
  const pattern = new RegExp(`^group:([a-z0-9-]+):(${names.join('|')})$`);
  const groups: Record<string, Record<N, number>> = {};
  for (const [key, value] of Object.entries(item)) {
    const found = pattern.exec(key);
    if (!found) continue;
    const [, id, name] = found as unknown as [string, string, N];
    groups[id] ??= Object.fromEntries(names.map((n) => [n, 0])) as Record<N, number>;
    groups[id][name] = Number(value);
  }
  return groups;
};

/** A month's figures per group: `group:<id>:matchesMade` and its siblings. */
const groupCountsOf = (item: Record<string, unknown>): Record<string, GroupMatchCounts> =>
  perGroup(item, ['matchesMade', 'reachedSixMonths', 'endedEarly', 'endedAfterSixMonths'] as const);

/** The counters of a figures item whose names start with `prefix` (`endedEarly:volunteer:moved` → `volunteer:moved`). */
const prefixed = (item: Record<string, unknown>, prefix: string): Record<string, number> =>
  Object.fromEntries(
    Object.entries(item)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), Number(value)]),
  );

export const kommunerRepository = (db: DynamoDBDocumentClient, tableName: string): KommunerRepository => {
  /** All kommune items: one Query (98 small items fit in one page; paging kept for safety). */
  const queryKommuner = async () =>
    (await queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'KOMMUNE' },
    })) as (Kommune & Record<string, unknown>)[];

  return {
    async getSystemStatus() {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: { pk: 'SYSTEM', sk: 'STATUS' }, ConsistentRead: false }),
      );
      const runs = (Item?.jobRuns ?? {}) as Record<string, unknown>;
      return {
        lastHeartbeatAt: typeof Item?.lastHeartbeatAt === 'string' ? Item.lastHeartbeatAt : undefined,
        jobRuns: Object.fromEntries(
          Object.entries(runs).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        ),
      };
    },

    async recordJobRun(job, at) {
      const key = { pk: 'SYSTEM', sk: 'STATUS' };
      const ignoreCondition = (error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      };
      try {
        // A retried or late run must not move the job's clock backwards.
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET jobRuns.#job = :at',
            ConditionExpression:
              'attribute_exists(jobRuns) AND (attribute_not_exists(jobRuns.#job) OR jobRuns.#job < :at)',
            ExpressionAttributeNames: { '#job': job },
            ExpressionAttributeValues: { ':at': at },
          }),
        );
      } catch (error) {
        ignoreCondition(error as Error);
        // The first run of any job: the map does not exist yet.
        await db
          .send(
            new UpdateCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression: 'SET jobRuns = :runs',
              ConditionExpression: 'attribute_not_exists(jobRuns)',
              ExpressionAttributeValues: { ':runs': { [job]: at } },
            }),
          )
          .catch(ignoreCondition);
      }
    },

    async recordHeartbeat(at) {
      await db
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: 'SYSTEM', sk: 'STATUS' },
            UpdateExpression: 'SET lastHeartbeatAt = :at',
            // A retried or late run must not move the clock backwards.
            ConditionExpression: 'attribute_not_exists(lastHeartbeatAt) OR lastHeartbeatAt < :at',
            ExpressionAttributeValues: { ':at': at },
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    },

    async putKommuner(kommuner) {
      // UpdateItem rather than PutItem: reloading the reference list must not reset the counters.
      await forEachConcurrently(kommuner, 8, async (kommune) => {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: kommuneKey(kommune.code),
            UpdateExpression: 'SET code = :code, #name = :name, regionCode = :regionCode, #region = :region',
            ExpressionAttributeNames: { '#name': 'name', '#region': 'region' },
            ExpressionAttributeValues: {
              ':code': kommune.code,
              ':name': kommune.name,
              ':regionCode': kommune.regionCode,
              ':region': kommune.region,
            },
          }),
        );
      });
    },

    counterUpdates: (changes) => kommuneCounterItems(tableName, changes),

    recruitmentUpdates: (change) => recruitmentItems(tableName, change),

    async matchFigures(month) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `FIGURES#${month}` },
      });
      return items.map((item) => matchFiguresOf(month, item));
    },

    /** One kommune's match figures of some months: one BatchGetItem (the weekly digest's outcomes). */
    async kommuneMatchFigures(code, months) {
      const items = await batchGet(
        db,
        tableName,
        months.map((month) => ({ pk: `FIGURES#${month}`, sk: code })),
      );
      return items.map((item) => matchFiguresOf(String(item.month), item));
    },

    async recruitment(month) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `RECRUITED#${month}` },
      });
      return items.map((item): Recruitment => {
        const byGroup = Object.fromEntries(
          Object.entries(item)
            .filter(([key]) => /^group:[a-z0-9-]+$/.test(key))
            .map(([key, value]) => [key.slice('group:'.length), Number(value)]),
        );
        const common = {
          month,
          kommuneCode: String(item.kommuneCode),
          count: Number(item.count ?? 0),
          ...(Object.keys(byGroup).length ? { byGroup } : {}),
        };
        return item.channel === 'campaign'
          ? {
              ...common,
              channel: 'campaign',
              source: String(item.source),
              ...(item.campaign ? { campaign: String(item.campaign) } : {}),
            }
          : { ...common, channel: 'heard-from', source: String(item.source) };
      });
    },

    async getKommune(code) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: kommuneKey(code) }));
      if (!Item) return undefined;
      return {
        ...withCounters(Item as Kommune & Record<string, unknown>),
        ...(Item.quietDigest === 'none' || Item.quietDigest === 'short'
          ? { quietDigest: Item.quietDigest }
          : {}),
      };
    },

    async listDigestContacts() {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'DIGEST-CONTACT' },
      });
      return items.map(toContact);
    },

    async getDigestContact(kommuneCode, contactId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: contactKey(kommuneCode, contactId) }),
      );
      return Item ? toContact(Item) : undefined;
    },

    async addDigestContact(kommuneCode, email, now) {
      const contact = {
        kommuneCode,
        contactId: contactIdFor(email),
        email: email.trim().toLowerCase(),
        addedAt: now.toISOString(),
      };
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...contactKey(kommuneCode, contact.contactId), ...contact },
        }),
      );
      return contact;
    },

    async removeDigestContact(kommuneCode, email) {
      const { Attributes } = await db.send(
        new DeleteCommand({
          TableName: tableName,
          Key: contactKey(kommuneCode, contactIdFor(email)),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes !== undefined;
    },

    async setQuietDigest(kommuneCode, setting) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: kommuneKey(kommuneCode),
          UpdateExpression: 'SET quietDigest = :setting',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':setting': setting },
        }),
      );
    },

    async listWithCounters() {
      const items = await queryKommuner();
      return items.map(withCounters);
    },

    async countersOf(codes) {
      const items = await batchGet(db, tableName, codes.map(kommuneKey));
      return (items as (Kommune & Record<string, unknown>)[]).map((item) => ({
        ...withCounters(item),
        matchCounts: Object.fromEntries(
          Object.entries(item)
            .filter(([name]) => name.startsWith('matches:'))
            .map(([name, value]) => [name.slice('matches:'.length), Math.max(0, Number(value ?? 0))]),
        ),
      }));
    },
  };
};

const withCounters = (item: Kommune & Record<string, unknown>): KommuneWithCounters => {
  const groups = Object.fromEntries(
    Object.entries(perGroup(item, ['listedVolunteers', 'availableVolunteers'] as const)).map(([id, g]) => [
      id,
      {
        listedVolunteers: Math.max(0, g.listedVolunteers),
        availableVolunteers: Math.max(0, g.availableVolunteers),
      },
    ]),
  );
  return {
    code: item.code,
    name: item.name,
    regionCode: item.regionCode,
    region: item.region,
    ...(Object.fromEntries(
      counterNames.map((name) => [name, Math.max(0, Number(item[name as string] ?? 0))]),
    ) as unknown as KommuneCounters),
    ...(Object.keys(groups).length ? { groups } : {}),
  };
};
