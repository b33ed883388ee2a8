import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { outboxClaimItem } from '../functions/adapters/outbox-table.ts';
import { countAll } from '../functions/adapters/query-all.ts';
import { volunteerItemByEmail } from '../functions/adapters/volunteers-repository.ts';
import { guardItem, toItem as volunteerItem } from '../functions/adapters/volunteers-table.ts';
import { newVolunteer } from '../functions/domain/volunteer.ts';
import { volunteerEmail } from '../functions/domain/volunteer-emails.ts';
import { forEachConcurrently } from '../functions/lib/concurrently.ts';
import { volunteerSignupSchema } from '../shared/volunteer-contract.ts';
import { signupBody } from '../test/support/signup-fixture.ts';
import { ms, percentile } from './figures.ts';
import { documentClientFor, withBenchStack } from './stack-db.ts';

/**
 * Sign-up latency through the local gateway (the real handler: rate limit and the conditional
 * write) against one raw PutItem round trip to the same DynamoDB Local, at 1 and 50 concurrent
 * clients; then checks that every accepted sign-up is stored exactly once and that each gets exactly
 * one confirmation email (sent meanwhile by the outbox sender from the table's stream, which
 * competes for the same DynamoDB Local during the run).
 * Its own stack on its own ports (loopback only), with the per-client limit lifted: all the
 * load comes from one address.
 */

interface Run {
  readonly latencies: number[];
  readonly errors: number;
  readonly seconds: number;
}

/** Runs `total` operations with `concurrency` workers; each returns whether it succeeded. */
const load = async (
  total: number,
  concurrency: number,
  operation: (i: number) => Promise<boolean>,
): Promise<Run> => {
  const latencies: number[] = [];
  let errors = 0;
  const begin = performance.now();
  await forEachConcurrently(
    Array.from({ length: total }, (_, i) => i),
    concurrency,
    async (i) => {
      const start = performance.now();
      const ok = await operation(i).catch(() => false);
      latencies.push(performance.now() - start);
      if (!ok) errors++;
    },
  );
  return { latencies: latencies.sort((a, b) => a - b), errors, seconds: (performance.now() - begin) / 1000 };
};

export const benchSignup = (): Promise<void> =>
  withBenchStack(
    'signup',
    { gateway: 3590, dynamodb: 8590, ses: 8595, cognito: 9790 },
    async (info) => {
      const db = documentClientFor(info);
      const rawPut = (i: number) =>
        db
          .send(
            new PutCommand({
              TableName: info.tables.rateLimits,
              Item: { pk: `BENCH#${i}`, sk: 'RAW', at: Date.now() },
            }),
          )
          .then(() => true);

      /**
       * The calls a sign-up makes, raw, one after the other on the same DynamoDB Local: the
       * rate-limit count (UpdateItem), the volunteer and their email guard (TransactWriteItems of
       * the same items, same conditions) and the confirmation's outbox claim (a conditional Put).
       * Their sum is the floor under a sign-up; what the gateway and handler add is the rest.
       */
      const rawCalls = {
        rateLimit: (i: number) =>
          db
            .send(
              new UpdateCommand({
                TableName: info.tables.rateLimits,
                Key: { pk: `RATE#bench#${i % 7}`, sk: String(Math.floor(Date.now() / 600_000)) },
                UpdateExpression: 'ADD hits :one SET expiresAt = :expires',
                ExpressionAttributeValues: { ':one': 1, ':expires': Math.floor(Date.now() / 1000) + 660 },
                ReturnValues: 'UPDATED_NEW',
              }),
            )
            .then(() => true),
        transaction: (i: number) => {
          const volunteer = newVolunteer(
            volunteerSignupSchema.parse(
              signupBody(`raw.${i}.${Date.now()}@example.dk`, { name: `Raw ${i}` }),
            ),
            new Date(),
          );
          return db
            .send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Put: {
                      TableName: info.tables.volunteers,
                      Item: guardItem(volunteer),
                      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
                      ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
                      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                    },
                  },
                  {
                    Put: {
                      TableName: info.tables.volunteers,
                      // Outside the index counted below, and no confirmation from the stream: only the write's cost.
                      Item: { ...volunteerItem(volunteer), kommuneStatus: 'raw#bench', status: 'raw' },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ],
              }),
            )
            .then(() => true);
        },
        outboxClaim: (i: number) => {
          const entry = volunteerEmail.confirmation(`raw-${i}-${Date.now()}`, new Date().toISOString());
          // The claim's own Put, as one call (the sender never sees it: no pending status).
          const put = outboxClaimItem(info.tables.outbox, entry, new Date()).Put;
          return db
            .send(
              new PutCommand({
                ...(put as ConstructorParameters<typeof PutCommand>[0]),
                Item: { ...put?.Item, status: 'sent' },
              }),
            )
            .then(() => true);
        },
      };

      const accepted = new Map<string, string>();
      const signUp = (prefix: string) => async (i: number) => {
        const email = `bench.${prefix}.${i}@example.dk`;
        const response = await fetch(`${info.gatewayUrl}/api/volunteers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(signupBody(email, { name: `Bench ${i}` })),
        });
        if (response.status !== 201) return false;
        accepted.set(email, (await response.json()).id);
        return true;
      };

      // Warm up: JIT, connection pools, the handlers' first import.
      await load(50, 5, rawPut);
      await load(50, 5, signUp('warm'));

      const rows: [string, Run, Run][] = [];
      const callRows: { label: string; calls: Record<keyof typeof rawCalls, Run>; signup: Run }[] = [];
      for (const [concurrency, total] of [
        [1, 300],
        [50, 2_000],
      ] as const) {
        const raw = await load(total, concurrency, (i) => rawPut(concurrency * 100_000 + i));
        const calls = {
          rateLimit: await load(total, concurrency, rawCalls.rateLimit),
          transaction: await load(total, concurrency, rawCalls.transaction),
          outboxClaim: await load(total, concurrency, rawCalls.outboxClaim),
        };
        const signup = await load(total, concurrency, signUp(`c${concurrency}`));
        const label = `${concurrency} client${concurrency > 1 ? 's' : ''}`;
        rows.push([label, raw, signup]);
        callRows.push({ label, calls, signup });
      }

      console.log('\nSign-up through the local gateway vs one raw PutItem on the same DynamoDB Local');
      console.log(
        'clients     raw p50    raw p99    sign-up p50  sign-up p99  sign-ups/s  errors  p50 ratio',
      );
      for (const [label, raw, signup] of rows) {
        const ratio = percentile(signup.latencies, 50) / percentile(raw.latencies, 50);
        console.log(
          `${label.padEnd(10)}  ${ms(percentile(raw.latencies, 50)).padStart(8)}  ${ms(percentile(raw.latencies, 99)).padStart(8)}   ${ms(percentile(signup.latencies, 50)).padStart(9)}  ${ms(percentile(signup.latencies, 99)).padStart(10)}  ${(signup.latencies.length / signup.seconds).toFixed(0).padStart(10)}  ${String(signup.errors).padStart(6)}  ${ratio.toFixed(1).padStart(8)}×`,
        );
      }

      console.log(
        '\nThe sign-up against the raw calls it makes, one after the other (p50 each; target ≤ 1.3× the sum at 1 client)',
      );
      console.log(
        'clients     UpdateItem  Transact  outbox Put  sum (U+T)  sum (all)  sign-up p50  ÷(U+T)  ÷all',
      );
      for (const { label, calls, signup } of callRows) {
        const p50 = (run: Run) => percentile(run.latencies, 50);
        const twoCalls = p50(calls.rateLimit) + p50(calls.transaction);
        const allCalls = twoCalls + p50(calls.outboxClaim);
        console.log(
          `${label.padEnd(10)}  ${ms(p50(calls.rateLimit)).padStart(10)}  ${ms(p50(calls.transaction)).padStart(8)}  ${ms(p50(calls.outboxClaim)).padStart(10)}  ${ms(twoCalls).padStart(9)}  ${ms(allCalls).padStart(9)}  ${ms(p50(signup)).padStart(11)}  ${(p50(signup) / twoCalls).toFixed(2).padStart(5)}×  ${(p50(signup) / allCalls).toFixed(2).padStart(4)}×`,
        );
      }

      // Every accepted sign-up stored exactly once: the record of its email exists under the id it
      // was answered with, and the kommune's index holds exactly as many unconfirmed volunteers as
      // were accepted.
      let missing = 0;
      for (const [email, id] of accepted) {
        const record = await volunteerItemByEmail(db, info.tables.volunteers, email);
        if (record?.id !== id || record?.email !== email) missing++;
      }
      const stored = await countAll(db, {
        TableName: info.tables.volunteers,
        IndexName: 'by-kommune-status',
        KeyConditionExpression: 'kommuneStatus = :s',
        ExpressionAttributeValues: { ':s': '751#unconfirmed' },
      });
      console.log(
        `\nAccepted sign-ups: ${accepted.size}; stored volunteer records: ${stored}; accepted but not stored as answered: ${missing}`,
      );
      if (missing > 0 || stored !== accepted.size) {
        process.exitCode = 1;
        console.error('Sign-ups were lost or doubled.');
      }

      // The confirmation emails go out after the answer (table stream → outbox sender): wait for
      // them, and check that each accepted sign-up got exactly one.
      const drainBegin = performance.now();
      let confirmations = new Map<string, number>();
      for (;;) {
        const store = (await (await fetch(info.sesStoreUrl)).json()) as {
          emails: { destination: { to: string[] } }[];
        };
        confirmations = new Map();
        for (const email of store.emails) {
          for (const to of email.destination.to) {
            if (accepted.has(to)) confirmations.set(to, (confirmations.get(to) ?? 0) + 1);
          }
        }
        if (confirmations.size >= accepted.size || performance.now() - drainBegin > 180_000) break;
        process.stdout.write(`\r  confirmation emails sent: ${confirmations.size} of ${accepted.size}`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      const doubled = [...confirmations.values()].filter((n) => n > 1).length;
      console.log(
        `\rConfirmation emails: ${confirmations.size} of ${accepted.size} sent, ${doubled} doubled; all out ${((performance.now() - drainBegin) / 1000).toFixed(1)} s after the last answer`,
      );
      if (confirmations.size !== accepted.size || doubled > 0) {
        process.exitCode = 1;
        console.error('Confirmation emails were lost or doubled.');
      }
    },
    { VENNER_SIGNUP_RATE_LIMIT: '9999999' },
  );
