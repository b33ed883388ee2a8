import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordKey } from '../../functions/adapters/consents-table.ts';
import { dynamoDb, transactionConflictAttempts } from '../../functions/adapters/dynamodb-client.ts';
import { kommuneKey } from '../../functions/adapters/kommuner-table.ts';
import { volunteerItemByEmail } from '../../functions/adapters/volunteers-repository.ts';
import { handoverIdFor } from '../../functions/domain/handover.ts';
import { projectRoot } from '../../infra/build-assets.ts';
import { type RunningGateway, startGateway } from '../../scripts/local/gateway.ts';
import { localFunctionEnvironment, sourceHandlerLoader } from '../../scripts/local/local-stack.ts';
import { ensureTables, localCredentials, localRegion, seedKommuner } from '../../scripts/local/provision.ts';
import { type RunningService, startDynamoDbLocal } from '../../scripts/local/services.ts';
import { consentedBody } from '../support/handover-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import { getItem, scanAll, signIn, stack, uniqueEmail } from '../support/stack.ts';

/**
 * Faults the happy path never meets, against a gateway and DynamoDB Local of this file's own (on
 * disk, so it can be stopped and started again): DynamoDB going away in the middle of requests,
 * throttling, transaction conflicts and a function cut off after its write. The functions run in
 * this process, so a fault the stand-ins cannot produce is injected into their DynamoDB client.
 * (SES being down is in email-delivery.test.ts and scheduled-jobs.test.ts: the email stays pending
 * and the next run sends it, once.)
 */

const ports = { gateway: 3141, dynamodb: 8141 };
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'venner-faults-'));
let dynamodb: RunningService;
let gateway: RunningGateway;
let token = '';
const savedEnv = { ...process.env };
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: localRegion,
    credentials: localCredentials,
    endpoint: `http://127.0.0.1:${ports.dynamodb}`,
  }),
);

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal({ port: ports.dynamodb, dataDir });
  const client = new DynamoDBClient({
    region: localRegion,
    credentials: localCredentials,
    endpoint: dynamodb.url,
  });
  await ensureTables(client, stack.stage);
  await seedKommuner(client, stack.stage, path.join(projectRoot, 'shared', 'kommuner.json'));
  // The functions get the test stack's Cognito and SES, and this file's DynamoDB; one client address, no limit.
  process.env.VENNER_SIGNUP_RATE_LIMIT = '100000';
  Object.assign(process.env, localFunctionEnvironment({ ...stack, dynamodbEndpoint: dynamodb.url }), {
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
  gateway = await startGateway({ port: ports.gateway, loadHandler: sourceHandlerLoader });
  token = (await signIn('caseworker')).accessToken;
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await dynamodb?.stop();
  process.env = savedEnv;
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (route: string, body: unknown, auth?: string) =>
  fetch(`${gateway.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  });

/** What the API answers while a dependency is away: 503, Retry-After, a Danish message and nothing else. */
const expectUnavailable = async (response: Response) => {
  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['message']);
  expect(body.message).toMatch(/midlertidigt utilgængelig/);
  expect(JSON.stringify(body)).not.toMatch(/\bat |Error|ECONN|node_modules/);
};

const everyItem = (table: string) => scanAll(table, db);
const stored = (table: string, key: Record<string, string>) => getItem(table, key, db);

/** A fault injected into the functions' DynamoDB client, inside the SDK's retries; counts attempts. */
const injectFault = (
  fault: (commandName: string, next: () => Promise<unknown>) => Promise<unknown> | undefined,
) => {
  const attempts: string[] = [];
  const name = `fault-${randomUUID()}`;
  dynamoDb().middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      attempts.push(command);
      const faulted = fault(command, () => next(args));
      return (faulted ?? next(args)) as ReturnType<typeof next>;
    },
    { step: 'deserialize', name },
  );
  return { attempts, remove: () => dynamoDb().middlewareStack.remove(name) };
};

const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra });

describe('DynamoDB stops in the middle of requests', () => {
  it('answers 503 with Retry-After, leaves no half-written record, and retried submissions land once', async () => {
    const emails = Array.from({ length: 16 }, () => uniqueEmail('fault'));
    const handovers = Array.from({ length: 8 }, () => consentedBody({ receivingKommune: '217' }));
    type Send = (submit: () => Promise<Response>) => Promise<Response>;
    const submitAll = (send: Send = (submit) => submit()) =>
      Promise.all([
        ...emails.map((email) =>
          send(() => post('/api/volunteers', signupBody(email, { kommuneCode: '217' }))),
        ),
        ...handovers.map((body) => send(() => post('/api/handovers', body, token))),
      ]);

    const inFlight = submitAll();
    await new Promise((resolve) => setTimeout(resolve, 15));
    await dynamodb.stop();
    const duringOutage = [...(await inFlight), ...(await submitAll())];
    const unavailable = duringOutage.filter((response) => response.status === 503);
    expect(unavailable.length).toBeGreaterThanOrEqual(emails.length + handovers.length);
    for (const response of duringOutage) {
      expect([200, 201, 503]).toContain(response.status);
      if (response.status === 503) await expectUnavailable(response);
    }

    dynamodb = await startDynamoDbLocal({ port: ports.dynamodb, dataDir });
    // Once the service answers again (its health), the clients retry everything they sent (they
    // cannot know which landed), and again after Retry-After while it answers 503 (a database just
    // started can be slow to answer its first requests); all land.
    await expect
      .poll(async () => (await fetch(`${gateway.url}/health`)).status, { timeout: 20_000 })
      .toBe(200);
    const untilAnswered: Send = async (submit) => {
      for (let attempt = 1; ; attempt++) {
        const response = await submit();
        if (response.status !== 503 || attempt === 5) return response;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    };
    for (const response of await submitAll(untilAnswered)) expect([200, 201]).toContain(response.status);

    const volunteers = (await everyItem(stack.tables.volunteers)).filter((item) =>
      emails.includes(String(item.email)),
    );
    expect(volunteers.map((item) => item.email).sort()).toEqual([...emails].sort());
    for (const email of emails) {
      const item = await volunteerItemByEmail(db, stack.tables.volunteers, email);
      expect(item, email).toMatchObject({ email, kommuneCode: '217', name: 'Åse Nørgaard' });
    }
    const records = (await everyItem(stack.tables.consents)).filter((item) => item.sk === 'RECORD');
    const keys = handovers.map((body) => recordKey(handoverIdFor(body.submissionKey)).pk);
    expect(records.map((item) => item.pk).sort()).toEqual([...keys].sort());
    for (const record of records)
      expect(record).toMatchObject({ status: 'waiting', person: expect.anything() });
    // The waiting counter moved once per record: nothing was counted without its record or twice.
    const kommune = await stored(stack.tables.kommuner, kommuneKey('217'));
    expect(Number(kommune?.waitingRefugees ?? 0)).toBe(handovers.length);
  }, 90_000);
});

describe('injected faults', () => {
  it('retries throttling as many times as the SDK allows, then answers 503 with Retry-After', async () => {
    const fault = injectFault(() => Promise.reject(awsError('ThrottlingException')));
    try {
      await expectUnavailable(await post('/api/handovers', consentedBody(), token));
      // The handover's first request is throttled on each of the SDK's three attempts, then given up.
      expect(fault.attempts.length).toBe(3);
    } finally {
      fault.remove();
    }
  });

  it('retries a transaction that meets another a bounded number of times, then answers 503', async () => {
    const conflict = () =>
      Promise.reject(
        awsError('TransactionCanceledException', {
          CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
        }),
      );
    const always = injectFault((command) =>
      command === 'TransactWriteItemsCommand' ? conflict() : undefined,
    );
    const body = consentedBody({ receivingKommune: '219' });
    try {
      await expectUnavailable(await post('/api/handovers', body, token));
      expect(always.attempts.filter((c) => c === 'TransactWriteItemsCommand')).toHaveLength(
        transactionConflictAttempts,
      );
    } finally {
      always.remove();
    }
    // A conflict that clears on the second attempt: the handover lands, once.
    let conflicts = 0;
    const once = injectFault((command) =>
      command === 'TransactWriteItemsCommand' && conflicts++ === 0 ? conflict() : undefined,
    );
    try {
      const response = await post('/api/handovers', body, token);
      expect(response.status).toBe(201);
    } finally {
      once.remove();
    }
    const record = await stored(stack.tables.consents, recordKey(handoverIdFor(body.submissionKey)));
    expect(record?.status).toBe('waiting');
  });

  it('keeps a condition that fails for good a clear answer, not a retry loop', async () => {
    const fault = injectFault((command) =>
      command === 'TransactWriteItemsCommand'
        ? Promise.reject(
            awsError('TransactionCanceledException', {
              CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
            }),
          )
        : undefined,
    );
    try {
      const response = await post('/api/handovers', consentedBody(), token);
      expect(response.status).toBeLessThan(600);
      expect(response.status).not.toBe(200);
      expect(fault.attempts.filter((c) => c === 'TransactWriteItemsCommand')).toHaveLength(1);
      const body = (await response.json()) as { message?: string };
      expect(body.message).toMatch(/[æøå]|igen|uventet/i);
    } finally {
      fault.remove();
    }
  });

  it('a function cut off after its write (a Lambda timeout) then retried with the same submission key: one record', async () => {
    const body = consentedBody({ receivingKommune: '223' });
    // The write lands; the answer never does (the function ran out of time).
    const fault = injectFault((command, next) =>
      command === 'TransactWriteItemsCommand'
        ? next().then(() => Promise.reject(awsError('TimeoutError', { $fault: 'server' })))
        : undefined,
    );
    try {
      expect((await post('/api/handovers', body, token)).status).toBe(503);
    } finally {
      fault.remove();
    }
    const retried = await post('/api/handovers', body, token);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id: handoverIdFor(body.submissionKey), created: false });
    const records = (await everyItem(stack.tables.consents)).filter(
      (item) => item.sk === 'RECORD' && item.pk === recordKey(handoverIdFor(body.submissionKey)).pk,
    );
    expect(records).toHaveLength(1);
    const kommune = await stored(stack.tables.kommuner, kommuneKey('223'));
    expect(Number(kommune?.waitingRefugees ?? 0)).toBe(1);
  });
});

// Last in the file: the timeouts it causes use up the SDK client's retry quota (as a real outage would).
describe('DynamoDB stops answering (the process frozen: connections open, no answers)', () => {
  it('answers 503 with Retry-After within 10 s on every database route, and works again when it answers', async () => {
    const routes: [string, () => Promise<Response>][] = [
      ['GET /health', () => fetch(`${gateway.url}/health`)],
      ['GET /mangler-frivillige', () => fetch(`${gateway.url}/mangler-frivillige`)],
      ['GET /api/kommuner/figures', () => fetch(`${gateway.url}/api/kommuner/figures`)],
      ['POST /api/volunteers', () => post('/api/volunteers', signupBody(uniqueEmail('frozen')))],
      ['POST /api/handovers', () => post('/api/handovers', consentedBody(), token)],
    ];
    dynamodb.process.kill('SIGSTOP');
    try {
      const timed = await Promise.all(
        routes.map(async ([name, send]) => {
          const started = performance.now();
          const response = await send();
          return { name, response, seconds: (performance.now() - started) / 1000 };
        }),
      );
      for (const { name, response, seconds } of timed) {
        expect(seconds, name).toBeLessThan(10);
        if (name === 'GET /health') {
          expect(response.status, name).toBe(503);
          expect(await response.json()).toMatchObject({ status: 'unavailable' });
        } else if (name.includes('/api/')) await expectUnavailable(response);
        else {
          expect(response.status, name).toBe(503);
          expect(Number(response.headers.get('retry-after')), name).toBeGreaterThan(0);
          expect(await response.text(), name).toContain('midlertidigt utilgængelig');
        }
      }
    } finally {
      dynamodb.process.kill('SIGCONT');
    }
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    expect((await post('/api/handovers', consentedBody(), token)).status).toBe(201);
  }, 60_000);
});
