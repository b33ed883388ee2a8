import * as z from 'zod';
import { type FunctionId, functions, type OptionalEnvName } from './functions.ts';
import { fallbackFunction, type RouteDefinition, routes } from './routes.ts';
import { type TableKey, tableEnvName } from './tables.ts';

/**
 * The environment contract: which variables each function reads. CDK sets exactly these, the
 * local stack sets them for the in-process gateway, and each function parses its own once at
 * start-up with `loadEnv`, failing with a message that names every missing variable.
 *
 * Endpoints of the local stand-ins are not part of the contract: the AWS SDK reads the standard
 * `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SESV2` and `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`.
 */

const commonSchemas = {
  STAGE: z.string().regex(/^[a-z][a-z0-9-]{0,20}$/),
  PUBLIC_BASE_URL: z.url(),
};

const optionalSchemas: Record<OptionalEnvName, z.ZodType<string>> = {
  SES_FROM_ADDRESS: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  COGNITO_ISSUER: z.url(),
  /** Sign-ups (and link requests) one client may send per 10 minutes. */
  SIGNUP_RATE_LIMIT: z.string().regex(/^[1-9]\d{0,6}$/),
  STAFF_INVITATIONS: z.enum(['email', 'show']),
};

/**
 * What every function behind the HTTP API reads (derived from the route table, not declared per
 * function): the secret CloudFront sends with each request, so requests straight to the API are
 * refused, and the version in the asset URLs.
 */
const edgeSchemas = {
  EDGE_SECRET: z.string().regex(/^[A-Za-z0-9]{32,128}$/),
  ASSET_VERSION: z.string().regex(/^[0-9a-f]{12}$/),
};

const servesRoutes = new Set<FunctionId>([
  fallbackFunction,
  ...(routes as readonly RouteDefinition[]).map((route) => route.function),
]);

type Def<F extends FunctionId> = (typeof functions)[F];
type TablesOf<F extends FunctionId> = Extract<keyof Def<F>['tables'], TableKey>;

export type EnvOf<F extends FunctionId> = Record<
  | keyof typeof commonSchemas
  | keyof typeof edgeSchemas
  | Def<F>['env'][number]
  | ReturnType<typeof tableEnvName<TablesOf<F>>>,
  string
>;

/** Every variable name function `id` reads, in a stable order. */
export const envNames = (id: FunctionId): string[] => {
  const def = functions[id];
  return [
    ...Object.keys(commonSchemas),
    ...(servesRoutes.has(id) ? Object.keys(edgeSchemas) : []),
    ...(def.env as readonly OptionalEnvName[]),
    ...(Object.keys(def.tables) as TableKey[]).map(tableEnvName),
  ];
};

const schemaFor = (name: string): z.ZodType<string> =>
  name.startsWith('TABLE_')
    ? z.string().min(3)
    : ((commonSchemas as Record<string, z.ZodType<string>>)[name] ??
      (edgeSchemas as Record<string, z.ZodType<string>>)[name] ??
      optionalSchemas[name as OptionalEnvName]);

export class EnvContractError extends Error {
  override readonly name = 'EnvContractError';
}

/** Parses function `id`'s variables from `source`; throws naming each missing or invalid one. */
export const loadEnv = <F extends FunctionId>(
  id: F,
  source: Record<string, string | undefined> = process.env,
): EnvOf<F> => {
  const names = envNames(id);
  const shape = Object.fromEntries(names.map((name) => [name, schemaFor(name)]));
  const result = z.object(shape).safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return source[name] === undefined ? `${name} is missing` : `${name} is invalid (${issue.message})`;
    });
    throw new EnvContractError(`Function "${id}" cannot start: ${problems.join('; ')}`);
  }
  return result.data as EnvOf<F>;
};

/**
 * The one source of the defaults the env contract's values are built from, on AWS (infra/stages.ts,
 * the stacks) and locally (scripts/local/local-stack.ts).
 */
export const envDefaults = {
  /** Sign-ups and link requests one client may send per 10 minutes. */
  signupRateLimit: 20,
  /** The SES configuration set of a stage (its events: bounces and complaints). */
  configurationSetName: (stage: string) => `venner-${stage}`,
} as const;
