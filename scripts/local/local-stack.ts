import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { assetVersion, buildDir, buildPublicAssets, projectRoot } from '../../infra/build-assets.ts';
import { envDefaults, envNames } from '../../shared/env.ts';
import { type FunctionId, functionIds, functions } from '../../shared/functions.ts';
import { localTableName, type TableKey, tableEnvName, tableKeys } from '../../shared/tables.ts';
import { type HandlerLoader, type LambdaHandler, type RunningGateway, startGateway } from './gateway.ts';
import {
  type DemoLogin,
  demoLogins,
  ensureTables,
  ensureUserPool,
  localCredentials,
  localRegion,
  seedKommuner,
} from './provision.ts';
import { type RunningScheduler, startScheduler } from './scheduler.ts';
import { type RunningService, startCognitoLocal, startDynamoDbLocal, startSesLocal } from './services.ts';
import { type RunningStreamPollers, startStreamPollers, streamsClient } from './stream-poller.ts';

export interface LocalPorts {
  readonly gateway: number;
  readonly dynamodb: number;
  readonly ses: number;
  readonly cognito: number;
}

export interface LocalStackOptions {
  readonly stage: string;
  /** Folder for DynamoDB's file and cognito-local's data. */
  readonly stateDir: string;
  /** Keep DynamoDB in memory (nothing survives a restart). */
  readonly inMemory: boolean;
  readonly ports: LocalPorts;
  readonly scheduler: boolean;
  readonly log: (line: string) => void;
}

/** What `npm start` writes to `.local/stack.json` for tools and tests. */
export interface LocalStackInfo {
  readonly stage: string;
  readonly region: string;
  readonly gatewayUrl: string;
  readonly dynamodbEndpoint: string;
  readonly sesEndpoint: string;
  readonly sesStoreUrl: string;
  readonly mailViewerUrl: string;
  readonly cognitoEndpoint: string;
  readonly cognitoIssuer: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly tables: Record<TableKey, string>;
  readonly demoLogins: readonly DemoLogin[];
  readonly senderAddress: string;
}

/**
 * The environment every function would get from CDK, with local values, plus what the AWS
 * runtime provides (region, credentials, task root) and the SDK's standard endpoint variables.
 */
export const localFunctionEnvironment = (info: LocalStackInfo): Record<string, string> => {
  const values: Record<string, string> = {
    STAGE: info.stage,
    PUBLIC_BASE_URL: info.gatewayUrl,
    SES_FROM_ADDRESS: info.senderAddress,
    SES_CONFIGURATION_SET: envDefaults.configurationSetName(info.stage),
    USER_POOL_ID: info.userPoolId,
    USER_POOL_CLIENT_ID: info.userPoolClientId,
    COGNITO_ISSUER: info.cognitoIssuer,
    SIGNUP_RATE_LIMIT: process.env.VENNER_SIGNUP_RATE_LIMIT ?? String(envDefaults.signupRateLimit),
    // Nobody can be emailed an invitation locally: the administration screen shows the password.
    STAFF_INVITATIONS: 'show',
    // The gateway adds it as CloudFront would; locally it needs to be known, not secret.
    EDGE_SECRET: createHash('sha256').update(`venner-local-edge:${info.stage}`).digest('hex'),
    ASSET_VERSION: assetVersion(),
    ...Object.fromEntries(tableKeys.map((key) => [tableEnvName(key), info.tables[key]])),
  };
  const contract = new Set(functionIds.flatMap(envNames));
  const missing = [...contract].filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new Error(`The local stack has no value for ${missing.join(', ')}`);
  return {
    ...Object.fromEntries([...contract].map((name) => [name, values[name] as string])),
    AWS_REGION: info.region,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: info.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SESV2: info.sesEndpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: info.cognitoEndpoint,
    LAMBDA_TASK_ROOT: buildDir,
  };
};

/**
 * Lambda's concurrent mode for the stack's one process: one AsyncLocalStorage scope per invocation
 * (Powertools reads the variable, and finds this store on globalThis). Turned on by the stack
 * itself before it loads a function, not by anything that merely imports this module.
 */
const enableInvocationScopes = async () => {
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
  return InvokeStore.getInstanceAsync(true);
};

/**
 * Imports a function's handler module from source, as the bundle would export it. Every function
 * runs in this one process, many invocations at once, so each invocation runs in Lambda's own
 * invocation scope (the InvokeStore of Lambda's concurrent execution environments): Powertools
 * keeps each invocation's correlation id and metrics apart, as on AWS.
 */
export const sourceHandlerLoader: HandlerLoader = async (id: FunctionId) => {
  const module = await import(pathToFileURL(path.join(projectRoot, functions[id].entry)).href);
  if (typeof module.handler !== 'function') throw new Error(`${functions[id].entry} exports no handler`);
  const handler = module.handler as LambdaHandler;
  if (!process.env.AWS_LAMBDA_MAX_CONCURRENCY) return handler;
  const store = await InvokeStore.getInstanceAsync();
  return (event, context) =>
    store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () =>
      handler(event, context),
    );
};

export interface RunningLocalStack {
  readonly info: LocalStackInfo;
  readonly scheduler?: RunningScheduler;
  stop(): Promise<void>;
}

export const startLocalStack = async (options: LocalStackOptions): Promise<RunningLocalStack> => {
  await enableInvocationScopes();
  const { log, ports, stage } = options;
  const started: RunningService[] = [];
  let gateway: RunningGateway | undefined;
  let scheduler: RunningScheduler | undefined;
  let streamPollers: RunningStreamPollers | undefined;
  const stop = async () => {
    scheduler?.stop();
    await streamPollers?.stop();
    await gateway?.close();
    await Promise.all(started.splice(0).map((service) => service.stop()));
  };
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const begin = performance.now();
    const result = await work();
    log(`  ${label} (${Math.round(performance.now() - begin)} ms)`);
    return result;
  };

  try {
    // Started side by side; if one fails, the others are stopped before the error is reported.
    const outcomes = await Promise.allSettled([
      timed(`DynamoDB Local on port ${ports.dynamodb}${options.inMemory ? ' (in memory)' : ''}`, () =>
        startDynamoDbLocal({
          port: ports.dynamodb,
          dataDir: options.inMemory ? undefined : path.join(options.stateDir, 'dynamodb'),
        }),
      ),
      timed(`SES stand-in on port ${ports.ses}`, () => startSesLocal({ port: ports.ses })),
      timed(`cognito-local on port ${ports.cognito}`, () =>
        startCognitoLocal({ port: ports.cognito, dataDir: path.join(options.stateDir, 'cognito') }),
      ),
    ]);
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') started.push(outcome.value);
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const [dynamodb, ses, cognito] = started as [RunningService, RunningService, RunningService];

    const aws = { region: localRegion, credentials: localCredentials };
    const dynamoClient = new DynamoDBClient({ ...aws, endpoint: dynamodb.url });
    const cognitoClient = new CognitoIdentityProviderClient({ ...aws, endpoint: cognito.url });
    const changes = await timed('tables from the table definitions', () => ensureTables(dynamoClient, stage));
    for (const change of changes) log(`    ${change}`);
    const count = await timed('kommuner loaded', () =>
      seedKommuner(dynamoClient, stage, path.join(projectRoot, 'shared', 'kommuner.json')),
    );
    log(`    ${count} kommuner`);
    const pool = await timed('user pool, groups and demo users', () =>
      ensureUserPool(
        cognitoClient,
        stage,
        staffDirectory(DynamoDBDocumentClient.from(dynamoClient), localTableName(stage, 'staff')),
      ),
    );
    await timed('static assets built', async () => buildPublicAssets());

    const info: LocalStackInfo = {
      stage,
      region: localRegion,
      gatewayUrl: `http://localhost:${ports.gateway}`,
      dynamodbEndpoint: dynamodb.url,
      sesEndpoint: ses.url,
      sesStoreUrl: `${ses.url}/store`,
      mailViewerUrl: ses.url,
      cognitoEndpoint: cognito.url,
      cognitoIssuer: `${cognito.url}/${pool.userPoolId}`,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.clientId,
      tables: Object.fromEntries(tableKeys.map((key) => [key, localTableName(stage, key)])) as Record<
        TableKey,
        string
      >,
      demoLogins,
      senderAddress: 'noreply@venner.local',
    };
    // Handlers parse their environment when first imported, so it must be in place before.
    Object.assign(process.env, localFunctionEnvironment(info));

    gateway = await timed(`gateway on port ${ports.gateway}`, () =>
      startGateway({
        port: ports.gateway,
        loadHandler: sourceHandlerLoader,
        onError: (error) => console.error('Gateway: the function failed', error),
      }),
    );
    streamPollers = await timed('stream pollers (new outbox entries and volunteers → outbox sender)', () =>
      startStreamPollers({
        dynamodb: dynamoClient,
        streams: streamsClient(dynamodb.url, aws),
        stage,
        loadHandler: sourceHandlerLoader,
        onError: (id, error) => console.error(`Stream poller: ${id} failed`, error),
      }),
    );
    if (options.scheduler) {
      scheduler = startScheduler(sourceHandlerLoader, (job, outcome) =>
        outcome.ok ? log(`Scheduler: ran ${job}`) : console.error(`Scheduler: ${job} failed`, outcome.error),
      );
    }
    return { info, scheduler, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
