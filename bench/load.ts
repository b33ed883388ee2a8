import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { recordKey } from '../functions/adapters/consents-table.ts';
import { countAll } from '../functions/adapters/query-all.ts';
import { emailGuardKey } from '../functions/adapters/volunteers-table.ts';
import { handoverIdFor } from '../functions/domain/handover.ts';
import { forEachConcurrently } from '../functions/lib/concurrently.ts';
import type { LocalStackInfo } from '../scripts/local/local-stack.ts';
import type { Role } from '../shared/roles.ts';
import { consentedBody } from '../test/support/handover-body.ts';
import { signupBody } from '../test/support/signup-fixture.ts';
import { documentClientFor, withBenchStack } from './stack-db.ts';

/**
 * `npm run load [-- --duration 30 --connections 50]`: drives the local gateway of a stack of its
 * own (loopback only, in memory) with a mix of volunteer sign-ups, handovers (signed in as the demo
 * caseworker), public page reads and matching calls (the demo coordinator), for a bounded time.
 * Prints throughput, p50/p99 and errors per kind, then checks the database: every accepted sign-up
 * and handover stored exactly once, no rejected one stored. Exits 1 when a check fails.
 */

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
  },
});
const duration = Math.min(Number(values.duration), 300);
const connections = Math.min(Number(values.connections), 200);

/** Shares of the connections: most traffic is people reading pages; writes are the risk. */
const mix = { signups: 0.3, handovers: 0.2, pages: 0.35, matching: 0.15 } as const;
type Kind = keyof typeof mix;

const signInAs = async (info: LocalStackInfo, role: Role) => {
  const login = info.demoLogins.find((demo) => demo.role === role);
  if (!login) throw new Error(`No demo login for ${role}`);
  const cognito = new CognitoIdentityProviderClient({
    region: info.region,
    endpoint: info.cognitoEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: info.userPoolClientId,
      AuthParameters: { USERNAME: login.username, PASSWORD: login.password },
    }),
  );
  if (!AuthenticationResult?.AccessToken) throw new Error(`${role} could not sign in`);
  return AuthenticationResult.AccessToken;
};

interface Outcomes {
  readonly sent: string[];
  readonly accepted: string[];
  readonly rejected: string[];
}

const run = (url: string, share: number, requests: autocannon.Request[]): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: Math.max(1, Math.round(connections * share)), duration, requests, timeout: 10 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('error', reject);
  });

await withBenchStack(
  'load',
  { gateway: 3890, dynamodb: 8890, ses: 8895, cognito: 9890 },
  async (info) => {
    const caseworker = await signInAs(info, 'caseworker');
    const coordinator = await signInAs(info, 'coordinator');
    const signups: Outcomes = { sent: [], accepted: [], rejected: [] };
    const handovers: Outcomes = { sent: [], accepted: [], rejected: [] };
    const json = { 'content-type': 'application/json' };

    // Each connection sends one request at a time, so its context holds the key of the one in flight.
    const keyed = (
      outcomes: Outcomes,
      make: () => { key: string; body: unknown },
      path: string,
      headers: Record<string, string>,
    ): autocannon.Request => ({
      method: 'POST',
      path,
      headers,
      setupRequest: (request, context) => {
        const { key, body } = make();
        (context as { key?: string }).key = key;
        outcomes.sent.push(key);
        return { ...request, body: JSON.stringify(body) };
      },
      onResponse: (status, _body, context) => {
        (status >= 200 && status < 300 ? outcomes.accepted : outcomes.rejected).push(
          String((context as { key?: string }).key),
        );
      },
    });

    console.log(
      `\nLoad: ${connections} connections for ${duration} s against ${info.gatewayUrl} (${Object.entries(mix)
        .map(([kind, share]) => `${kind} ${Math.round(share * 100)}%`)
        .join(', ')})`,
    );
    const results: Record<Kind, autocannon.Result> = Object.fromEntries(
      await Promise.all(
        (
          [
            [
              'signups',
              [
                keyed(
                  signups,
                  () => {
                    const email = `load.${randomUUID()}@example.dk`;
                    return {
                      key: email,
                      body: signupBody(email, { kommuneCode: '101', postalCode: '2200' }),
                    };
                  },
                  '/api/volunteers',
                  json,
                ),
              ],
            ],
            [
              'handovers',
              [
                keyed(
                  handovers,
                  () => {
                    const body = consentedBody();
                    return { key: body.submissionKey, body };
                  },
                  '/api/handovers',
                  { ...json, authorization: `Bearer ${caseworker}` },
                ),
              ],
            ],
            [
              'pages',
              [
                { method: 'GET', path: '/mangler-frivillige' },
                { method: 'GET', path: '/bliv-ven?kommune=101' },
                { method: 'GET', path: '/api/kommuner/figures' },
                { method: 'GET', path: '/' },
              ],
            ],
            [
              'matching',
              [
                {
                  method: 'GET',
                  path: '/api/matching/kommuner/201',
                  headers: { authorization: `Bearer ${coordinator}` },
                },
              ],
            ],
          ] as [Kind, autocannon.Request[]][]
        ).map(async ([kind, requests]) => [kind, await run(info.gatewayUrl, mix[kind], requests)] as const),
      ),
    ) as Record<Kind, autocannon.Result>;

    let failures = 0;
    console.log(
      `\n  ${'kind'.padEnd(10)} ${'conns'.padStart(5)} ${'requests'.padStart(9)} ${'req/s'.padStart(7)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'errors'.padStart(7)}`,
    );
    for (const [kind, result] of Object.entries(results) as [Kind, autocannon.Result][]) {
      const errors = result.errors + result.timeouts + result.non2xx;
      failures += errors;
      console.log(
        `  ${kind.padEnd(10)} ${String(result.connections).padStart(5)} ${String(result.requests.total).padStart(9)} ${result.requests.average.toFixed(0).padStart(7)} ${`${result.latency.p50} ms`.padStart(8)} ${`${result.latency.p99} ms`.padStart(8)} ${String(errors).padStart(7)}`,
      );
    }

    // The database: every accepted write stored once (its deterministic key), nothing rejected stored.
    const db = documentClientFor(info);
    let lost = 0;
    let storedRejected = 0;
    const check = async (
      keys: string[],
      tableName: string,
      key: (k: string) => Record<string, string>,
      expected: boolean | 'either',
    ) => {
      let stored = 0;
      await forEachConcurrently(keys, 16, async (k) => {
        const item = (
          await db.send(new GetCommand({ TableName: tableName, Key: key(k), ConsistentRead: true }))
        ).Item;
        if (item) stored++;
        if (expected === true && !item) lost++;
        if (expected === false && item) storedRejected++;
      });
      return stored;
    };
    /** Requests the end of the run cut off: sent, never answered; stored or not, both are fine. */
    const unanswered = (outcomes: Outcomes) => {
      const answered = new Set([...outcomes.accepted, ...outcomes.rejected]);
      return outcomes.sent.filter((key) => !answered.has(key));
    };
    // A volunteer and the guard of their address are one transaction: the guard says it was stored.
    const volunteerKeyOf = (email: string) => emailGuardKey(email);
    const handoverKey = (submissionKey: string) => recordKey(handoverIdFor(submissionKey));
    await check(signups.accepted, info.tables.volunteers, volunteerKeyOf, true);
    await check(signups.rejected, info.tables.volunteers, volunteerKeyOf, false);
    await check(handovers.accepted, info.tables.consents, handoverKey, true);
    await check(handovers.rejected, info.tables.consents, handoverKey, false);
    const cutOff = { signups: unanswered(signups), handovers: unanswered(handovers) };
    const cutOffStored = {
      signups: await check(cutOff.signups, info.tables.volunteers, volunteerKeyOf, 'either'),
      handovers: await check(cutOff.handovers, info.tables.consents, handoverKey, 'either'),
    };
    // Exactly once: the kommune's indexes hold as many records as were accepted, no more.
    const countIndex = (tableName: string, kommuneStatus: string) =>
      countAll(db, {
        TableName: tableName,
        IndexName: 'by-kommune-status',
        KeyConditionExpression: 'kommuneStatus = :v',
        ExpressionAttributeValues: { ':v': kommuneStatus },
      });
    const storedSignups = await countIndex(info.tables.volunteers, '101#unconfirmed');
    const storedHandovers = await countIndex(info.tables.consents, '201#waiting');
    const doubled =
      Math.max(0, storedSignups - signups.accepted.length - cutOffStored.signups) +
      Math.max(0, storedHandovers - handovers.accepted.length - cutOffStored.handovers);
    console.log(
      `\n  sign-ups: ${signups.accepted.length} accepted, ${signups.rejected.length} rejected, ${cutOff.signups.length} cut off by the end of the run (${cutOffStored.signups} of them stored); ${storedSignups} stored in all`,
    );
    console.log(
      `  handovers: ${handovers.accepted.length} accepted, ${handovers.rejected.length} rejected, ${cutOff.handovers.length} cut off by the end of the run (${cutOffStored.handovers} of them stored); ${storedHandovers} stored in all`,
    );
    console.log(`  lost: ${lost}, stored although rejected: ${storedRejected}, stored twice: ${doubled}`);
    const ok = failures === 0 && lost === 0 && storedRejected === 0 && doubled === 0;
    console.log(
      `\nTarget (0 errors and 0 losses at ${connections} clients for ${duration} s): ${ok ? 'met' : 'NOT met'}`,
    );
    if (!ok) process.exitCode = 1;
  },
  { VENNER_SIGNUP_RATE_LIMIT: '9999999' },
);
