import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/build-assets.ts';
import { ensureTables, ensureUserPool } from '../../scripts/local/provision.ts';
import { assertPortFree, LocalStackError } from '../../scripts/local/services.ts';
import { localTableName, type TableKey, tableKeys } from '../../shared/tables.ts';
import { cognitoClient, dynamoClient, stack } from '../support/stack.ts';

describe('provisioning', () => {
  it('changes nothing when run again on the running stack', async () => {
    expect(await ensureTables(dynamoClient(), stack.stage)).toEqual([]);
    expect(await ensureUserPool(cognitoClient(), stack.stage)).toEqual({
      userPoolId: stack.userPoolId,
      clientId: stack.userPoolClientId,
    });
  });

  it('creates missing tables, gives a table the indexes it lacks keeping its items, and then changes nothing', async () => {
    const client = dynamoClient();
    const stage = `upgrade${Date.now() % 100000}`;
    const TableName = localTableName(stage, 'matches');
    // A matches table from before its by-consent and by-kommune-status indexes existed.
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: ['pk', 'sk', 'volunteerId', 'createdAt'].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexes: [
          {
            IndexName: 'by-volunteer',
            KeySchema: [
              { AttributeName: 'volunteerId', KeyType: 'HASH' },
              { AttributeName: 'createdAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    await client.send(
      new PutItemCommand({
        TableName,
        Item: {
          pk: { S: 'MATCH#1' },
          sk: { S: 'MATCH' },
          consentId: { S: 'c1' },
          createdAt: { S: '2026-11-01' },
        },
      }),
    );
    const changes = await ensureTables(client, stage);
    const created = (keys: readonly TableKey[]) =>
      keys.map((key) => `created table ${localTableName(stage, key)}`);
    const at = tableKeys.indexOf('matches');
    expect(changes).toEqual([
      ...created(tableKeys.slice(0, at)),
      `rebuilt ${TableName} with its indexes by-consent, by-kommune-status (1 items kept)`,
      ...created(tableKeys.slice(at + 1)),
    ]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual([
      'by-consent',
      'by-kommune-status',
      'by-volunteer',
    ]);
    expect(await ensureTables(client, stage)).toEqual([]);
    // The item was kept, and the added index finds it.
    const found = await client.send(
      new QueryCommand({
        TableName,
        IndexName: 'by-consent',
        KeyConditionExpression: 'consentId = :c',
        ExpressionAttributeValues: { ':c': { S: 'c1' } },
      }),
    );
    expect(found.Items?.map((item) => item.pk?.S)).toEqual(['MATCH#1']);
    for (const key of tableKeys)
      await client.send(new DeleteTableCommand({ TableName: localTableName(stage, key) }));
  });
});

describe('starting and stopping', () => {
  it('says in one sentence which port is busy and how to choose another', async () => {
    const port = Number(new URL(stack.gatewayUrl).port);
    const attempt = assertPortFree(port, 'the gateway', 'PORT');
    await expect(attempt).rejects.toBeInstanceOf(LocalStackError);
    await expect(attempt).rejects.toThrow(
      `Port ${port} (the gateway) is already in use: stop what runs there, or choose another port with PORT=<port>.`,
    );
  });

  const startStack = (env: Record<string, string>): ChildProcess =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/start.ts',
        '--in-memory',
        '--no-scheduler',
        '--stage',
        'lifecycle',
        '--state-dir',
        mkdtempSync(path.join(os.tmpdir(), 'venner-life-')),
      ],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          PORT: '3290',
          VENNER_DYNAMODB_PORT: '8290',
          VENNER_SES_PORT: '8295',
          VENNER_COGNITO_PORT: '9490',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );

  const childPids = (pid: number): number[] => {
    try {
      return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .map((line) => Number(line.trim()))
        .filter(Boolean);
    } catch {
      return [];
    }
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('stops every child process, Java included, on Ctrl-C', async () => {
    const child = startStack({});
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toContain('VENNER_READY');
    expect(output).toContain('Website        http://localhost:3290/');
    expect(output).toContain('koordinator@venner.local');
    const children = childPids(child.pid as number);
    const commands = execFileSync('ps', ['-o', 'args=', '-p', children.join(',')], { encoding: 'utf8' });
    // The three stand-ins (a transient esbuild child of tsx may be there too under load).
    expect(
      commands.split('\n').filter((c) => /DynamoDBLocal\.jar|cognito-local|aws-ses-v2-local/.test(c)),
    ).toHaveLength(3);
    expect(commands).toContain('DynamoDBLocal.jar');

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('Stopped.');
    for (const pid of children) expect(alive(pid), `child ${pid}`).toBe(false);
  }, 120_000);

  it('says what to do when Java is missing, and leaves nothing running', async () => {
    // A PATH with node but without java.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'venner-nojava-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const child = startStack({
      PATH: bin,
      PORT: '3291',
      VENNER_DYNAMODB_PORT: '8291',
      VENNER_SES_PORT: '8296',
      VENNER_COGNITO_PORT: '9491',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'DynamoDB Local needs Java 17 or newer and no "java" was found on PATH: install it (for example "apt-get install -y openjdk-17-jre-headless") and run the command again.',
    );
    expect(childPids(child.pid as number)).toEqual([]);
  }, 60_000);
});
