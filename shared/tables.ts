/**
 * The table definitions: the one place that says which DynamoDB tables exist, their keys,
 * indexes and TTL attribute. CDK builds the tables from this, `npm start` and the test setup
 * create (or update) the same tables in DynamoDB Local, and functions find a table's name in
 * the environment variable named by `tableEnvName`.
 *
 * Every table uses generic `pk`/`sk` keys so one table can hold an entity and its appended
 * events (a consent and its withdrawal) as one item collection.
 */

export type KeyType = 'S' | 'N';

export interface KeyDefinition {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyDefinition;
  readonly sortKey?: KeyDefinition;
}

export interface TableDefinition {
  readonly description: string;
  readonly partitionKey: KeyDefinition;
  readonly sortKey?: KeyDefinition;
  readonly indexes: readonly IndexDefinition[];
  /** Epoch-seconds attribute that DynamoDB TTL deletes by; reads must still ignore expired items. */
  readonly ttlAttribute?: string;
  /** Whether the table has a stream of new item images (for a function's `streams`). */
  readonly stream?: boolean;
}

const pk: KeyDefinition = { name: 'pk', type: 'S' };
const sk: KeyDefinition = { name: 'sk', type: 'S' };
const s = (name: string): KeyDefinition => ({ name, type: 'S' });

/**
 * How many days DynamoDB's point-in-time recovery keeps every table's backups (35 is AWS's most):
 * erased details are gone from the backups that many days later, as the privacy notices say.
 */
export const backupRetentionDays = 35;

export const tables = {
  consents: {
    description: 'Handover consents, their appended events (withdrawal) and refugee contact data',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      { name: 'by-kommune-status', partitionKey: s('kommuneStatus'), sortKey: s('waitingSince') },
      { name: 'by-centre', partitionKey: s('centreId'), sortKey: s('recordedAt') },
      // Possible duplicates: hashed keys, present only while the record holds personal details.
      { name: 'by-phone', partitionKey: s('phoneKey'), sortKey: s('recordedAt') },
      { name: 'by-person', partitionKey: s('personKey'), sortKey: s('recordedAt') },
      // The kommune digest's new arrivals: present only while the kommune may see the details.
      { name: 'by-kommune-shared', partitionKey: s('kommuneShare'), sortKey: s('recordedAt') },
      // Retention: records whose details are due for erasure, by due date (one sparse partition).
      { name: 'by-erase-after', partitionKey: s('retention'), sortKey: s('eraseAfter') },
      // Staff search: the kommune's reference, and folded names (whole and last) per centre and,
      // for waiting refugees, per kommune queue. Names present only while the details are.
      { name: 'by-reference', partitionKey: s('reference') },
      { name: 'by-centre-name', partitionKey: s('centreId'), sortKey: s('nameFolded') },
      { name: 'by-centre-surname', partitionKey: s('centreId'), sortKey: s('surnameFolded') },
      { name: 'by-queue-name', partitionKey: s('kommuneStatus'), sortKey: s('nameFolded') },
      { name: 'by-queue-surname', partitionKey: s('kommuneStatus'), sortKey: s('surnameFolded') },
    ],
    ttlAttribute: 'expiresAt',
  },
  volunteers: {
    description: 'Volunteer sign-ups, one item per person (the id follows from the email address)',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      { name: 'by-kommune-status', partitionKey: s('kommuneStatus'), sortKey: s('updatedAt') },
      // The coordinators' search: folded names of confirmed volunteers per kommune.
      { name: 'by-kommune-name', partitionKey: s('searchKommune'), sortKey: s('nameFolded') },
      { name: 'by-kommune-surname', partitionKey: s('searchKommune'), sortKey: s('surnameFolded') },
      // The coordinators' tasks: confirmed volunteers by the day they next need one (never
      // matched after 60 days, a børneattest to renew); present only while there is such a day.
      { name: 'by-kommune-attention', partitionKey: s('attentionKommune'), sortKey: s('attentionOn') },
    ],
    ttlAttribute: 'expiresAt',
    stream: true,
  },
  matches: {
    description:
      'Matches between a consenting refugee and a volunteer, with their lifecycle and their events (meetings, concerns, calls)',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      { name: 'by-volunteer', partitionKey: s('volunteerId'), sortKey: s('createdAt') },
      { name: 'by-consent', partitionKey: s('consentId'), sortKey: s('createdAt') },
      { name: 'by-kommune-status', partitionKey: s('kommuneStatus'), sortKey: s('createdAt') },
    ],
    ttlAttribute: 'expiresAt',
  },
  kommuner: {
    description: 'The 98 kommuner, their contacts, settings and counters (one partition per kind)',
    partitionKey: pk,
    sortKey: sk,
    indexes: [],
  },
  organisations: {
    description:
      'Organisations and their local groups (coverage, contact, offers, active or not), managed by the administrators',
    partitionKey: pk,
    sortKey: sk,
    indexes: [],
  },
  tasks: {
    description:
      "The coordinators' tasks per kommune (from a match's events, due when due) and notes that keep a done or snoozed task hidden",
    partitionKey: pk,
    sortKey: sk,
    // Open tasks by due date, per kommune: present only while the task is open.
    indexes: [{ name: 'by-kommune-open', partitionKey: s('openKommune'), sortKey: s('dueAt') }],
    ttlAttribute: 'expiresAt',
  },
  outbox: {
    description: 'Every email under a deterministic key, written before sending, with its outcome',
    partitionKey: pk,
    sortKey: sk,
    indexes: [{ name: 'by-status', partitionKey: s('status'), sortKey: s('createdAt') }],
    ttlAttribute: 'expiresAt',
    stream: true,
  },
  tokens: {
    description: 'Single-use link tokens, stored by hash, expiring',
    partitionKey: pk,
    sortKey: sk,
    indexes: [],
    ttlAttribute: 'expiresAt',
  },
  rateLimits: {
    description: 'Per-client request counts in fixed windows (client ids hashed), expiring',
    partitionKey: pk,
    sortKey: sk,
    indexes: [],
    ttlAttribute: 'expiresAt',
  },
  staff: {
    description:
      "Staff members as of their last sign-in (Cognito sub → e-mail), to name them in audit trails; each kommune's coordinators for its digest",
    partitionKey: pk,
    sortKey: sk,
    indexes: [],
    // A kommune's coordinator entry lapses when they have not signed in for a while.
    ttlAttribute: 'expiresAt',
  },
  audit: {
    description: "Who read or changed a refugee's personal data, and when",
    partitionKey: pk,
    sortKey: sk,
    indexes: [{ name: 'by-actor', partitionKey: s('actor'), sortKey: s('at') }],
    ttlAttribute: 'expiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tables;

export const tableKeys = Object.keys(tables) as TableKey[];

type Snake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Uppercase<Head> ? (Head extends Lowercase<Head> ? Head : `_${Head}`) : Uppercase<Head>}${Snake<Tail>}`
  : S;

/** `rateLimits` → `TABLE_RATE_LIMITS`: the env variable that carries the table's physical name. */
export const tableEnvName = <K extends TableKey>(key: K): `TABLE_${Snake<K>}` =>
  `TABLE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}` as `TABLE_${Snake<K>}`;

/** Physical name used outside CloudFormation (DynamoDB Local); CDK lets CloudFormation name them. */
export const localTableName = (stage: string, key: TableKey): string =>
  `venner-${stage}-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
