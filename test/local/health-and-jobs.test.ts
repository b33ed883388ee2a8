import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { heldEmailCounter } from '../../functions/adapters/outbox-repository.ts';
import { suppressedCount } from '../../functions/adapters/suppression-list.ts';
import { checkHealth } from '../../functions/domain/health.ts';
import { projectRoot } from '../../infra/build-assets.ts';
import { documentClient, request, stack } from '../support/stack.ts';

const run = promisify(execFile);

describe('GET /health', () => {
  it('answers JSON saying DynamoDB answers', async () => {
    const response = await request('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ status: 'ok', dynamodb: 'ok' });
  });

  it('reports unavailable when DynamoDB does not answer', async () => {
    // A real client pointed at a port where nothing listens: the same failure as an outage.
    const unreachable = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'eu-north-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
    );
    const report = await checkHealth({
      kommuner: kommunerRepository(unreachable, stack.tables.kommuner),
      heldEmails: heldEmailCounter(unreachable, stack.tables.outbox),
      suppressed: () => suppressedCount(unreachable, stack.tables.outbox),
      now: () => new Date('2026-11-21T10:00:00Z'),
    });
    expect(report).toEqual({
      status: 'unavailable',
      dynamodb: 'unavailable',
      checkedAt: '2026-11-21T10:00:00.000Z',
    });
  });
});

describe('seeded reference data', () => {
  it('holds the 98 kommuner from the reference list', async () => {
    const kommuner = await kommunerRepository(documentClient(), stack.tables.kommuner).listWithCounters();
    expect(kommuner).toHaveLength(98);
    expect(kommuner.find((k) => k.code === '101')).toEqual({
      code: '101',
      name: 'København',
      regionCode: '1084',
      region: 'Region Hovedstaden',
      availableVolunteers: expect.any(Number),
      waitingRefugees: expect.any(Number),
      confirmedVolunteers: expect.any(Number),
      volunteersLeft: expect.any(Number),
      listedVolunteers: expect.any(Number),
    });
  });
});

describe('npm run job', () => {
  const stackFile = path.join(projectRoot, '.local', 'test', 'job-stack.json');
  const job = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/run-job.ts', ...args, '--stack-file', stackFile], {
      cwd: projectRoot,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });

  it('runs the heartbeat job as of a given moment against the local stack, and /health shows it', async () => {
    writeFileSync(stackFile, JSON.stringify(stack));
    const { stdout } = await job('heartbeat', '--now', '2030-01-06T07:00:00+01:00');
    expect(stdout).toContain('Job heartbeat ran as of 2030-01-06T06:00:00.000Z');
    const health = await (await request('/health')).json();
    expect(health.lastHeartbeatAt).toBe('2030-01-06T06:00:00.000Z');

    // An older run (a late retry) does not move the heartbeat back.
    await job('heartbeat', '--now', '2029-12-30T07:00:00+01:00');
    expect((await (await request('/health')).json()).lastHeartbeatAt).toBe('2030-01-06T06:00:00.000Z');
  });

  it('says on /health which job ran when and which is late, the emails waiting and the oldest one’s age', async () => {
    writeFileSync(stackFile, JSON.stringify(stack));
    await job('heartbeat');
    // An email that has waited two hours: written as something else, then made pending (an update,
    // not an insert, so the sender's stream leaves it to the retry job this test does not run).
    const db = documentClient();
    const key = { pk: `EMAIL#health-test#${Date.now()}`, sk: 'EMAIL' };
    const createdAt = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
    await db.send(
      new PutCommand({ TableName: stack.tables.outbox, Item: { ...key, status: 'test', createdAt } }),
    );
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.outbox,
        Key: key,
        UpdateExpression: 'SET #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
    try {
      const health = await (await request('/health')).json();
      const heartbeat = health.jobs.find((j: { job: string }) => j.job === 'heartbeat');
      expect(heartbeat.late).toBe(false);
      expect(Date.now() - Date.parse(heartbeat.lastRunAt)).toBeLessThan(60_000);
      expect(health.jobs.map((j: { job: string }) => j.job)).toEqual([
        'heartbeat',
        'email-retry',
        'match-follow-ups',
        'match-proposals',
        'kommune-digests',
        'coordinator-tasks',
        'arrival-alerts',
        'retention',
      ]);
      expect(health.jobsLate).toBe(health.jobs.filter((j: { late: boolean }) => j.late).length);
      expect(health.emails.pending).toBeGreaterThanOrEqual(1);
      expect(health.emails.oldestPendingMinutes).toBeGreaterThanOrEqual(119);
      expect(typeof health.suppressedAddresses).toBe('number');
      // Figures only: no address, no name.
      expect(JSON.stringify(health)).not.toMatch(/@/);
    } finally {
      await db.send(new DeleteCommand({ TableName: stack.tables.outbox, Key: key }));
    }
  });

  it('names the jobs when asked for one that does not exist, and rejects a bad date', async () => {
    writeFileSync(stackFile, JSON.stringify(stack));
    await expect(job('no-such-job')).rejects.toMatchObject({
      stderr: expect.stringContaining('Jobs: heartbeat'),
    });
    await expect(job('heartbeat', '--now', 'tomorrow')).rejects.toMatchObject({
      stderr: expect.stringContaining('is not a date'),
    });
  });
});
