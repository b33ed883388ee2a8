import type { TableKey } from './tables.ts';

/**
 * The function catalogue: one Lambda per capability. CDK creates one function per entry (with an
 * IAM role that reaches exactly the tables listed, with exactly the access listed), the local
 * gateway and the local scheduler import the same `entry` modules, and the env contract derives
 * each function's variables from here.
 */

export type TableAccess = 'read' | 'write' | 'read-write';

/** Named env variables a function may declare beyond the ones every function gets. */
export type OptionalEnvName =
  | 'SES_FROM_ADDRESS'
  | 'SES_CONFIGURATION_SET'
  | 'USER_POOL_ID'
  | 'USER_POOL_CLIENT_ID'
  | 'COGNITO_ISSUER'
  | 'SIGNUP_RATE_LIMIT';

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
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
}

export const functions = {
  health: {
    description: 'GET /health: answers whether the service and DynamoDB are up',
    entry: 'functions/handlers/health.ts',
    tables: { kommuner: 'read' },
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
  'staff-authorizer': {
    description: 'HTTP API Lambda authorizer: verifies the Cognito token on every staff route',
    entry: 'functions/handlers/staff-authorizer.ts',
    tables: {},
    env: ['USER_POOL_CLIENT_ID', 'COGNITO_ISSUER'],
  },
  'staff-session': {
    description: 'GET /api/me: who the signed-in staff member is and which roles they have',
    entry: 'functions/handlers/staff-session.ts',
    tables: {},
    env: [],
  },
  'volunteer-signup': {
    description: 'Public volunteer sign-up (form and JSON API) and the confirmation link',
    entry: 'functions/handlers/volunteer-signup.ts',
    tables: {
      volunteers: 'read-write',
      tokens: 'read-write',
      outbox: 'write',
      kommuner: 'write',
      rateLimits: 'write',
    },
    env: ['SES_FROM_ADDRESS', 'SES_CONFIGURATION_SET', 'SIGNUP_RATE_LIMIT'],
    sendsEmail: true,
  },
  'volunteer-self-service': {
    description: "The volunteer's own page behind emailed links: details, pause, ready, emails, erasure",
    entry: 'functions/handlers/volunteer-self-service.ts',
    tables: {
      volunteers: 'read-write',
      tokens: 'read-write',
      outbox: 'write',
      kommuner: 'write',
      rateLimits: 'write',
    },
    env: ['SES_FROM_ADDRESS', 'SES_CONFIGURATION_SET', 'SIGNUP_RATE_LIMIT'],
    sendsEmail: true,
  },
  'public-figures': {
    description: 'The public "volunteers missing" page and its figures as JSON',
    entry: 'functions/handlers/public-figures.ts',
    tables: { kommuner: 'read' },
    env: [],
  },
  'api-docs': {
    description: 'GET /api/openapi.json, generated from the zod contracts',
    entry: 'functions/handlers/api-docs.ts',
    tables: {},
    env: [],
  },
  'job-heartbeat': {
    description: 'Scheduled no-op job that records when the scheduler last fired',
    entry: 'functions/handlers/job-heartbeat.ts',
    tables: { kommuner: 'write' },
    env: [],
    timeoutSeconds: 60,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionId = keyof typeof functions;

export const functionIds = Object.keys(functions) as FunctionId[];
