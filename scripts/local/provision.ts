import { readFileSync } from 'node:fs';
import {
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type AttributeDefinition,
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ResourceNotFoundException,
  ScanCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { addStaffUser, staffSub } from '../../functions/adapters/staff-users.ts';
import { loadReferenceKommuner } from '../../functions/domain/kommune.ts';
import { type Role, roles, staffTokenHours } from '../../shared/roles.ts';
import {
  type IndexDefinition,
  type KeyDefinition,
  localTableName,
  type TableDefinition,
  type TableKey,
  tables,
} from '../../shared/tables.ts';

/** Credentials the stand-ins accept; they check nothing. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'eu-north-1';

const keySchema = (partitionKey: KeyDefinition, sortKey?: KeyDefinition): KeySchemaElement[] => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
];

const attributeDefinitions = (definition: TableDefinition): AttributeDefinition[] => {
  const keys = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const byName = new Map<string, KeyDefinition>();
  for (const key of keys) if (key) byName.set(key.name, key);
  return [...byName.values()].map((key) => ({ AttributeName: key.name, AttributeType: key.type }));
};

const gsi = (index: IndexDefinition): GlobalSecondaryIndex => ({
  IndexName: index.name,
  KeySchema: keySchema(index.partitionKey, index.sortKey),
  Projection: { ProjectionType: 'ALL' },
});

/** Waits until the table is ACTIVE. */
const waitForActive = async (client: DynamoDBClient, TableName: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Table ${TableName} did not become active`);
};

const createTable = (client: DynamoDBClient, TableName: string, definition: TableDefinition) =>
  client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keySchema(definition.partitionKey, definition.sortKey),
      AttributeDefinitions: attributeDefinitions(definition),
      GlobalSecondaryIndexes: definition.indexes.length > 0 ? definition.indexes.map(gsi) : undefined,
      StreamSpecification: definition.stream
        ? { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }
        : undefined,
    }),
  );

/**
 * Gives a local table the indexes it lacks. DynamoDB Local cannot add an index to an existing table
 * (the index stays CREATING and writes fail), so the table is copied out, recreated from its
 * definition and filled again. Local data is small; on AWS, CloudFormation adds indexes.
 */
const rebuildTable = async (
  client: DynamoDBClient,
  TableName: string,
  definition: TableDefinition,
): Promise<number> => {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  await client.send(new DeleteTableCommand({ TableName }));
  await createTable(client, TableName, definition);
  await waitForActive(client, TableName);
  for (let i = 0; i < items.length; i += 25) {
    let requests: WriteRequest[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [TableName]: requests } }),
      );
      requests = UnprocessedItems?.[TableName] ?? [];
    }
  }
  return items.length;
};

/**
 * Creates every table of the table definitions that is missing, adds missing indexes and turns on
 * TTL: running it again changes nothing. Returns what it did, for the start-up output.
 */
export const ensureTables = async (client: DynamoDBClient, stage: string): Promise<string[]> => {
  const changes: string[] = [];
  for (const [key, definition] of Object.entries(tables) as [TableKey, TableDefinition][]) {
    const TableName = localTableName(stage, key);
    const existing = await client
      .send(new DescribeTableCommand({ TableName }))
      .then((r) => r.Table)
      .catch((error) => {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      });
    if (!existing) {
      await createTable(client, TableName, definition);
      changes.push(`created table ${TableName}`);
    } else {
      const present = new Set(existing.GlobalSecondaryIndexes?.map((g) => g.IndexName));
      const missing = definition.indexes.filter((i) => !present.has(i.name)).map((i) => i.name);
      if (missing.length > 0) {
        const kept = await rebuildTable(client, TableName, definition);
        changes.push(`rebuilt ${TableName} with its indexes ${missing.join(', ')} (${kept} items kept)`);
      } else if (definition.stream && !existing.StreamSpecification?.StreamEnabled) {
        await client.send(
          new UpdateTableCommand({
            TableName,
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
          }),
        );
        changes.push(`turned on the stream of ${TableName}`);
      }
    }
    await waitForActive(client, TableName);
    if (definition.ttlAttribute) {
      const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName }));
      if (TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName,
            TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
          }),
        );
      }
    }
  }
  return changes;
};

/** The demo kommune digest contact: Allerød's, where the demo coordinator works. */
export const demoDigestContact = { kommuneCode: '201', email: 'digest.alleroed@venner.local' };

/** The reference kommuner, by the module the deploy's custom resource runs, and the demo digest contact. */
export const seedKommuner = async (client: DynamoDBClient, stage: string, file: string): Promise<number> => {
  const repository = kommunerRepository(
    DynamoDBDocumentClient.from(client),
    localTableName(stage, 'kommuner'),
  );
  const count = await loadReferenceKommuner(repository, JSON.parse(readFileSync(file, 'utf8')));
  await repository.addDigestContact(demoDigestContact.kommuneCode, demoDigestContact.email, new Date());
  return count;
};

export interface DemoLogin {
  readonly role: Role;
  /** The name the header, records and audit logs show (Cognito's `name`). */
  readonly name: string;
  readonly username: string;
  readonly password: string;
  readonly centres?: readonly string[];
  readonly kommuner?: readonly string[];
  readonly groups?: readonly string[];
}

/**
 * One demo staff user per role, with a scope. Local only: these users exist in cognito-local, never
 * on AWS. The caseworker works at Center Sandholm (Allerød); the coordinator covers Allerød and
 * København.
 */
export const demoLogins: readonly DemoLogin[] = [
  {
    role: 'caseworker',
    name: 'Sara Sagsbehandler',
    username: 'sagsbehandler@venner.local',
    password: 'Venner-demo-2026!',
    centres: ['sandholm'],
  },
  {
    role: 'coordinator',
    name: 'Karl Koordinator',
    username: 'koordinator@venner.local',
    password: 'Venner-demo-2026!',
    kommuner: ['201', '101'],
    // Røde Kors in Allerød and København (the demo's groups, made by `--demo`).
    groups: ['rk-allerod', 'rk-koebenhavn'],
  },
  {
    role: 'coordinator',
    name: 'Dina Flygtningehjælp',
    username: 'dfh-koordinator@venner.local',
    password: 'Venner-demo-2026!',
    // Dansk Flygtningehjælp København: the same kommune as Karl, another organisation.
    groups: ['dfh-koebenhavn'],
  },
  {
    role: 'admin',
    name: 'Anna Administrator',
    username: 'admin@venner.local',
    password: 'Venner-demo-2026!',
  },
];

export interface LocalUserPool {
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * Finds or creates the user pool `venner-<stage>` with its groups, an app client for password
 * sign-in and the demo users. Idempotent. MFA is off here only because cognito-local cannot do
 * TOTP; the user pool CDK deploys requires it.
 */
export const ensureUserPool = async (
  client: CognitoIdentityProviderClient,
  stage: string,
  /** Where the demo users' names go (the staff table), so nobody is asked for one at sign-in. */
  names?: { setName(sub: string, name: string): Promise<void> },
): Promise<LocalUserPool> => {
  const PoolName = `venner-${stage}`;
  const { UserPools } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = UserPools?.find((pool) => pool.Name === PoolName)?.Id;
  if (!userPoolId) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName,
        MfaConfiguration: 'OFF',
        UsernameAttributes: [],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
      }),
    );
    userPoolId = created.UserPool?.Id;
    if (!userPoolId) throw new Error('cognito-local created no user pool id');
    for (const role of roles) {
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
    }
  }
  const { UserPoolClients } = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  let clientId = UserPoolClients?.find((c) => c.ClientName === 'venner-web')?.ClientId;
  // The same token lifetimes as the deployed pool's app client (cognito-local's default is 24 hours).
  const appClient: CreateUserPoolClientCommandInput = {
    UserPoolId: userPoolId,
    ClientName: 'venner-web',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    AccessTokenValidity: staffTokenHours.access,
    IdTokenValidity: staffTokenHours.id,
    RefreshTokenValidity: staffTokenHours.refresh,
    TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'hours' },
  };
  if (!clientId) {
    const created = await client.send(new CreateUserPoolClientCommand(appClient));
    clientId = created.UserPoolClient?.ClientId;
    if (!clientId) throw new Error('cognito-local created no app client id');
  } else {
    await client.send(new UpdateUserPoolClientCommand({ ...appClient, ClientId: clientId }));
  }
  for (const demo of demoLogins) {
    await addStaffUser(client, userPoolId, {
      email: demo.username,
      name: demo.name,
      role: demo.role,
      password: demo.password,
      centres: demo.centres,
      kommuner: demo.kommuner,
      groups: demo.groups,
    });
    await names?.setName(await staffSub(client, userPoolId, demo.username), demo.name);
  }
  return { userPoolId, clientId };
};
