import type { TableKey } from './tables.ts';

/**
 * The function catalogue: one Lambda per capability. CDK creates one function per entry (with an
 * IAM role that reaches exactly the tables listed, with exactly the access listed), the local
 * gateway and the local scheduler import the same `entry` modules, and the env contract derives
 * each function's variables from here.
 */

/**
 * `update-in-transaction`: UpdateItem only, and only inside a TransactWriteItems (so no
 * ReturnValues ever reads an item out): for a function that moves a record on a condition but must
 * never read the table (a public-facing one, and the consents table).
 */
export type TableAccess = 'read' | 'write' | 'read-write' | 'update-in-transaction';

/** Named env variables a function may declare beyond the ones every function gets. */
export type OptionalEnvName =
  | 'SES_FROM_ADDRESS'
  | 'SES_CONFIGURATION_SET'
  | 'USER_POOL_ID'
  | 'USER_POOL_CLIENT_ID'
  | 'COGNITO_ISSUER'
  | 'SIGNUP_RATE_LIMIT'
  /** `email`: Cognito emails a new staff user their invitation (AWS); `show`: the screen shows the temporary password (locally nobody can be emailed). */
  | 'STAFF_INVITATIONS';

/**
 * Which stream records reach the function: these events, on items whose `pk` starts with
 * `keyPrefix` and whose new image has these string attribute values. CDK turns this into the
 * event source mapping's filter; the local stream poller applies the same rule.
 */
export interface StreamTrigger {
  readonly table: TableKey;
  readonly events: readonly ('INSERT' | 'MODIFY')[];
  readonly keyPrefix: string;
  readonly newImage: Readonly<Record<string, string>>;
}

export interface FunctionDefinition {
  readonly description: string;
  /** Module that exports `handler`, relative to the project root. */
  readonly entry: string;
  readonly tables: Partial<Record<TableKey, TableAccess>>;
  readonly env: readonly OptionalEnvName[];
  /** Whether the function may send email through SES. */
  readonly sendsEmail?: boolean;
  /** Files from the built `public/` folder that ship inside this function's bundle. */
  readonly bundlesPublicAssets?: boolean;
  /** Subscribed to the SES configuration set's bounce and complaint events (SNS). */
  readonly sesEvents?: boolean;
  /** Table streams that invoke this function (DynamoDB Streams event sources with these filters). */
  readonly streams?: readonly StreamTrigger[];
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  /** Manages the user pool's users and groups (Cognito's Admin* actions on the pool). */
  readonly managesStaff?: boolean;
  /** Invoked by CloudFormation during a deploy, as the provider of a custom resource. */
  readonly customResource?: boolean;
}

/** Records per invocation for stream-triggered functions, on AWS and locally. */
export const streamBatchSize = 10;

/** What the volunteer adapters (`functions/adapters/volunteer-ports.ts`) reach: sign-up and self-service both wire them. */
const volunteerPortTables = {
  volunteers: 'read-write',
  tokens: 'read-write',
  outbox: 'write',
  kommuner: 'write',
  rateLimits: 'write',
  // The local groups a volunteer chooses among at sign-up, and sees on their own page.
  organisations: 'read',
} as const satisfies Partial<Record<TableKey, TableAccess>>;

export const functions = {
  health: {
    description: 'GET /health: answers whether the service and DynamoDB are up',
    entry: 'functions/handlers/health.ts',
    // Outbox: how many emails SES holds back (sandbox), a count of the pending ones.
    tables: { kommuner: 'read', outbox: 'read' },
    env: [],
  },
  'web-pages': {
    description: 'Public server-rendered pages: the landing page',
    entry: 'functions/handlers/web-pages.ts',
    tables: {},
    env: [],
  },
  'static-assets': {
    description: 'CSS, fonts and images of the design system, with long cache headers',
    entry: 'functions/handlers/static-assets.ts',
    tables: {},
    env: [],
    bundlesPublicAssets: true,
  },
  'not-found': {
    description: 'Every request no route matches: 405 for a known path, else a Danish 404 page',
    entry: 'functions/handlers/not-found.ts',
    tables: {},
    env: [],
  },
  'staff-sign-in': {
    description: 'Staff sign-in, sign-out and home page (Cognito), and GET /api/me',
    entry: 'functions/handlers/staff-sign-in.ts',
    // Write: who signed in and when they signed out; read: the gate's "signed out since?" check.
    // Rate limits: code requests for a forgotten password, per client.
    tables: { staff: 'read-write', rateLimits: 'write', organisations: 'read' },
    env: ['USER_POOL_CLIENT_ID', 'COGNITO_ISSUER'],
  },
  handovers: {
    description:
      "The caseworker's handover form and records: consent, correction, withdrawal, access export, audit",
    entry: 'functions/handlers/handovers.ts',
    tables: {
      consents: 'read-write',
      audit: 'read-write',
      outbox: 'read-write',
      staff: 'read',
      // A withdrawal ends the refugee's matches, gives the volunteers their places back and moves the counters.
      matches: 'read-write',
      // The staff gate: a coordinator's kommuner follow from their local groups.
      organisations: 'read',
      volunteers: 'read-write',
      kommuner: 'write',
      tasks: 'read-write',
    },
    env: ['USER_POOL_CLIENT_ID', 'COGNITO_ISSUER'],
  },
  matching: {
    description:
      "The coordinators' overview, explained suggestions, the kommune's plan and the match lifecycle (pages and JSON API)",
    entry: 'functions/handlers/matching.ts',
    tables: {
      consents: 'read-write',
      volunteers: 'read-write',
      matches: 'read-write',
      kommuner: 'read-write',
      outbox: 'write',
      tokens: 'read-write',
      audit: 'read-write',
      staff: 'read',
      tasks: 'read-write',
      organisations: 'read',
    },
    env: ['USER_POOL_CLIENT_ID', 'COGNITO_ISSUER'],
    memoryMb: 1024,
  },
  'match-support': {
    description:
      "The friendship after the match, for coordinators: the task list, the refugee's side after a call, concerns, and volunteers' readiness",
    entry: 'functions/handlers/match-support.ts',
    tables: {
      tasks: 'read-write',
      matches: 'read-write',
      consents: 'read',
      volunteers: 'read-write',
      audit: 'read-write',
      staff: 'read',
      organisations: 'read',
    },
    env: ['USER_POOL_CLIENT_ID', 'COGNITO_ISSUER'],
  },
  'match-answers': {
    description:
      "The volunteer's answer links from the match's emails: yes or no to a proposal, a follow-up's answer (public, token-checked)",
    entry: 'functions/handlers/match-answers.ts',
    // A yes moves the record, the volunteer's place, the kommune's counters and figures, and sends emails.
    tables: {
      consents: 'read-write',
      volunteers: 'read-write',
      matches: 'read-write',
      kommuner: 'write',
      outbox: 'write',
      tokens: 'read-write',
      tasks: 'write',
    },
    env: [],
  },
  administration: {
    description:
      "The administrators' screen: staff users (role, scope, disable, MFA reset, invitation), the kommuner's digest contacts, the change log",
    entry: 'functions/handlers/administration.ts',
    // Staff: the gate's "signed out since?" check, and ending a disabled user's sessions. Audit: the
    // administration log. Kommuner: the digest contacts and quiet-week settings.
    tables: { staff: 'read-write', audit: 'read-write', kommuner: 'read-write', organisations: 'read-write' },
    env: ['USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'COGNITO_ISSUER', 'STAFF_INVITATIONS'],
    managesStaff: true,
  },
  'secretariat-figures': {
    description:
      "The secretariat's figures per kommune, region and month (page, CSV, JSON), read from monthly aggregates",
    entry: 'functions/handlers/secretariat-figures.ts',
    // Staff: the gate's "signed out since?" check.
    tables: { consents: 'read', kommuner: 'read', staff: 'read', organisations: 'read' },
    env: ['USER_POOL_CLIENT_ID', 'COGNITO_ISSUER'],
  },
  'volunteer-signup': {
    description: 'Public volunteer sign-up (form and JSON API) and the confirmation link',
    entry: 'functions/handlers/volunteer-signup.ts',
    tables: volunteerPortTables,
    env: ['SIGNUP_RATE_LIMIT'],
  },
  'volunteer-self-service': {
    description: "The volunteer's own page behind emailed links: details, pause, ready, emails, erasure",
    entry: 'functions/handlers/volunteer-self-service.ts',
    tables: {
      ...volunteerPortTables,
      // A volunteer who leaves ends their open matches and puts each refugee back on the waiting
      // list: the record is moved on a condition in a transaction, never read (this function is public-facing).
      matches: 'read-write',
      consents: 'update-in-transaction',
      tasks: 'write',
    },
    env: ['SIGNUP_RATE_LIMIT'],
  },
  'digest-settings': {
    description:
      "A kommune contact's link from the weekly digest: a short or no digest in quiet weeks, or stop it",
    entry: 'functions/handlers/digest-settings.ts',
    tables: { kommuner: 'read-write', tokens: 'read' },
    env: [],
  },
  'public-figures': {
    description: 'The public "volunteers missing" page and its figures as JSON',
    entry: 'functions/handlers/public-figures.ts',
    // Organisations: the active local groups of each kommune, with their public contact.
    tables: { kommuner: 'read', organisations: 'read' },
    env: [],
  },
  'api-docs': {
    description: 'GET /api/openapi.json, generated from the zod contracts',
    entry: 'functions/handlers/api-docs.ts',
    tables: {},
    env: [],
  },
  'outbox-sender': {
    description:
      "Sends each new outbox email and each new volunteer's confirmation (table streams) and, as the email-retry job, whatever is still due",
    entry: 'functions/handlers/outbox-sender.ts',
    tables: {
      outbox: 'read-write',
      volunteers: 'read',
      tokens: 'write',
      consents: 'read',
      matches: 'read',
      staff: 'read',
      // The weekly digest reads the kommune, its contacts and counters; the retry run notes itself.
      kommuner: 'read-write',
      // The digest and the caseworker's "has a friend" email name the local groups and their contact.
      organisations: 'read',
    },
    env: ['SES_FROM_ADDRESS', 'SES_CONFIGURATION_SET'],
    sendsEmail: true,
    streams: [
      { table: 'outbox', events: ['INSERT'], keyPrefix: 'EMAIL#', newImage: { status: 'pending' } },
      // MODIFY too: a sign-up that takes over an expired unconfirmed one overwrites it.
      {
        table: 'volunteers',
        events: ['INSERT', 'MODIFY'],
        keyPrefix: 'VOLUNTEER#',
        newImage: { status: 'unconfirmed' },
      },
    ],
    timeoutSeconds: 120,
  },
  'job-match-follow-ups': {
    description:
      'Daily: the check-in email of each match that reached one (2 and 6 weeks, 3 and 6 months, then every 3 months), once',
    entry: 'functions/handlers/job-match-follow-ups.ts',
    tables: { matches: 'read-write', kommuner: 'write', outbox: 'write', tasks: 'write' },
    env: [],
    timeoutSeconds: 300,
  },
  'job-match-proposals': {
    description:
      'Daily: one reminder of an unanswered proposal, then it lapses and the refugee is back on the waiting list',
    entry: 'functions/handlers/job-match-proposals.ts',
    // A lapse moves the record back (a conditional write; never read), gives the volunteer's place back.
    tables: {
      matches: 'read-write',
      consents: 'write',
      volunteers: 'read-write',
      kommuner: 'write',
      outbox: 'write',
      tasks: 'write',
    },
    env: [],
    timeoutSeconds: 300,
  },
  'job-coordinator-tasks': {
    description:
      "Mondays: each coordinator's open tasks across their kommuner as one email (none without tasks)",
    entry: 'functions/handlers/job-coordinator-tasks.ts',
    tables: {
      tasks: 'read',
      consents: 'read',
      volunteers: 'read',
      staff: 'read',
      kommuner: 'write',
      outbox: 'write',
    },
    env: [],
    timeoutSeconds: 300,
  },
  'job-kommune-digests': {
    description: "Mondays: each kommune contact's digest of the week before, once per contact and week",
    entry: 'functions/handlers/job-kommune-digests.ts',
    tables: { consents: 'read', matches: 'read', kommuner: 'read-write', outbox: 'write' },
    env: [],
    timeoutSeconds: 300,
  },
  'job-arrival-alerts': {
    description:
      'Daily: "N people have arrived" to available volunteers where refugees began waiting, at most weekly',
    entry: 'functions/handlers/job-arrival-alerts.ts',
    tables: { kommuner: 'read-write', consents: 'read', volunteers: 'read', outbox: 'write' },
    env: [],
    timeoutSeconds: 300,
  },
  'job-retention': {
    description:
      "Nightly: erases refugees' details when due; reminds unconfirmed sign-ups once and deletes them after 30 days",
    entry: 'functions/handlers/job-retention.ts',
    // kommuner read-write and matches read: the one-time backfill of volunteers (retention.ts).
    tables: {
      consents: 'read-write',
      kommuner: 'read-write',
      volunteers: 'read-write',
      outbox: 'write',
      matches: 'read',
    },
    env: [],
    timeoutSeconds: 300,
  },
  'ses-events': {
    description: 'SES bounce and complaint events (SNS): the addresses are suppressed',
    entry: 'functions/handlers/ses-events.ts',
    tables: { outbox: 'write' },
    env: [],
    sesEvents: true,
  },
  'job-heartbeat': {
    description: 'Scheduled no-op job that records when the scheduler last fired',
    entry: 'functions/handlers/job-heartbeat.ts',
    tables: { kommuner: 'write' },
    env: [],
    timeoutSeconds: 60,
  },
  'reference-data': {
    description:
      'Loads the 98 kommuner into the kommuner table on deploy (a CloudFormation custom resource); npm start runs the same module',
    entry: 'functions/handlers/reference-data.ts',
    tables: { kommuner: 'write' },
    env: [],
    timeoutSeconds: 120,
    customResource: true,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionId = keyof typeof functions;

export const functionIds = Object.keys(functions) as FunctionId[];
