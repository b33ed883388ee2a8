import { toItem as recordItem } from '../functions/adapters/consents-table.ts';
import { digestSources } from '../functions/adapters/digest-sources.ts';
import { kommunerRepository } from '../functions/adapters/kommuner-repository.ts';
import { outboxRepository } from '../functions/adapters/outbox-repository.ts';
import { toItem as volunteerItem } from '../functions/adapters/volunteers-table.ts';
import { copenhagenMidnight, isoWeekOf } from '../functions/domain/danish-time.ts';
import type { NewOutboxEntry, OutboxEntry } from '../functions/domain/email-delivery.ts';
import { writeWeeklyDigests } from '../functions/domain/kommune-digest.ts';
import { confirm, newVolunteer } from '../functions/domain/volunteer.ts';
import { kommuneDigestComposer } from '../functions/email/digest-template.tsx';
import { forEachConcurrently } from '../functions/lib/concurrently.ts';
import kommunerJson from '../shared/kommuner.json' with { type: 'json' };
import { volunteerSignupSchema } from '../shared/volunteer-contract.ts';
import { signupBody } from '../test/support/signup-fixture.ts';
import { median } from './figures.ts';
import { seededRecord } from './seeded-records.ts';
import {
  batchWrite,
  countRequests,
  createPlainTable,
  documentClientFor,
  withBenchStack,
} from './stack-db.ts';

/**
 * The weekly digest at national scale on DynamoDB Local (its own stack, in memory): 98 kommuner
 * with a contact each, 20,000 volunteers and 10,000 consents. Prints the time to decide and compose
 * every kommune's digest, the DynamoDB requests per kommune (counted on the client), and the same
 * again after 10,000 more volunteers (target: under 20% slower; the digest reads counters, not volunteers).
 */

const codes = kommunerJson.map((k) => k.code);
const day = 24 * 3600 * 1000;

const volunteersFrom = (first: number, count: number, now: Date) =>
  Array.from({ length: count }, (_, n) => {
    const i = first + n;
    const input = volunteerSignupSchema.parse(
      signupBody(`bench.digest.${i}@example.dk`, {
        kommuneCode: codes[i % codes.length],
        postalCode: '8000',
      }),
    );
    return volunteerItem(confirm(newVolunteer(input, now), now));
  });

const recordsFrom = (count: number, runAt: Date) =>
  Array.from({ length: count }, (_, i): Record<string, unknown> => {
    // Spread over the 60 days before the run: about one in nine falls in the digest's week.
    const at = new Date(
      runAt.getTime() - 1 * 3600 * 1000 - ((i * 7919) % (60 * 24)) * 3600 * 1000,
    ).toISOString();
    const record = seededRecord({
      id: `bench-digest-${String(i).padStart(19, '0')}`,
      kommuneCode: codes[i % codes.length] as string,
      at,
      interviewDate: at.slice(0, 10),
      share: { shareWithVolunteers: i % 5 !== 0, shareWithKommune: i % 3 !== 0 },
      n: i,
      person: {
        languages: ['arabic'],
        danishLevel: 'none',
        englishLevel: 'basic',
        household: 'alone',
        expectedMovingDate: at.slice(0, 10),
        newAddress: `Gade ${i}, 8000 Aarhus C`,
        helpWith: ['everyday-danish'],
        preferredVolunteerGender: 'any',
      },
    });
    return recordItem(record);
  });

/** A client that counts the DynamoDB requests sent through it. */
const counting = (info: Parameters<typeof documentClientFor>[0]) => {
  const db = documentClientFor(info);
  return { db, counter: countRequests(db) };
};

export const benchDigest = (): Promise<void> =>
  withBenchStack('digest', { gateway: 3790, dynamodb: 8790, ses: 8795, cognito: 9990 }, async (info) => {
    const db = documentClientFor(info);
    // The digests go to an outbox no sender watches: the figure is the digest, not the sending.
    // A fresh outbox for every measured run, so each run's claims are new, as on a new Monday. Without
    // a stream: DynamoDB Local's stream emulation makes every write slower the more stream records
    // it holds (and 10,000 new volunteers add 10,000), a cost DynamoDB on AWS does not have.
    const outboxes = Array.from({ length: 7 }, (_, i) => `venner-benchdigest-outbox-${i}`);
    for (const name of outboxes) await createPlainTable(info, name);
    const freshOutbox = () => outboxes.shift() as string;
    const now = new Date();
    const runAt = new Date(
      copenhagenMidnight(isoWeekOf(new Date(now.getTime() + 7 * day)).monday).getTime() + 7 * 3600e3,
    );
    console.log('Seeding 98 kommuner (a digest contact each), 20,000 volunteers, 10,000 consents');
    const kommuner = kommunerRepository(db, info.tables.kommuner);
    for (const code of codes) await kommuner.addDigestContact(code, `kommune.${code}@example.dk`, now);
    await batchWrite(db, info.tables.volunteers, volunteersFrom(0, 20_000, now), 'volunteers');
    await batchWrite(db, info.tables.consents, recordsFrom(10_000, runAt), 'consents');

    const measureOnce = async (week: Date, outboxTable: string) => {
      const { db: countedDb, counter } = counting(info);
      const sources = digestSources(countedDb, {
        consents: info.tables.consents,
        matches: info.tables.matches,
        kommuner: info.tables.kommuner,
      });
      const entries: NewOutboxEntry[] = [];
      const outbox = outboxRepository(countedDb, outboxTable);
      const compose = kommuneDigestComposer({
        sources,
        contacts: kommuner,
        // Settings links are issued into nowhere: the benchmark measures the digest's reads.
        tokens: { put: async () => {} },
        baseUrl: 'http://localhost',
      });
      const begin = performance.now();
      const report = await writeWeeklyDigests({
        sources,
        outbox: {
          claim: async (entry, at) => {
            entries.push(entry);
            return outbox.claim(entry, at);
          },
        },
        now: () => week,
      });
      const jobMs = performance.now() - begin;
      const jobRequests = counter.requests;
      const composeBegin = performance.now();
      let rows = 0;
      await forEachConcurrently(entries, 8, async (entry) => {
        const message = await compose(
          { ...entry, status: 'sending', attempts: 1, createdAt: week.toISOString() } as OutboxEntry,
          week,
        );
        if ('text' in message) rows += message.text.split('\n').length;
      });
      const composeMs = performance.now() - composeBegin;
      // Composing reads the contact too (one GetItem per email), which the counted client does not see.
      const composeRequests = counter.requests - jobRequests + entries.length;
      return { report, jobMs, composeMs, rows, jobRequests, composeRequests, digests: entries.length };
    };

    /** Three runs (each into a fresh outbox), the medians printed. */
    const measure = async (label: string) => {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await measureOnce(runAt, freshOutbox()));
      const last = runs[runs.length - 1] as (typeof runs)[number];
      const jobMs = median(runs.map((r) => r.jobMs));
      const composeMs = median(runs.map((r) => r.composeMs));
      console.log(`\n${label} (median of 3 runs):`);
      console.log(
        `  job (decide and write ${last.report.written} digests for ${last.report.kommuner} kommuner): ${jobMs.toFixed(0)} ms, ${(last.jobRequests / last.report.kommuner).toFixed(1)} DynamoDB requests per kommune`,
      );
      console.log(
        `  composing every digest (as the sender does; ${last.rows} lines in all): ${composeMs.toFixed(0)} ms, ${(last.composeRequests / last.digests).toFixed(1)} requests per digest`,
      );
      console.log(`  digest time for all kommuner: ${(jobMs + composeMs).toFixed(0)} ms`);
      return median(runs.map((r) => r.jobMs + r.composeMs));
    };

    // A warm-up run (JIT, connections, DynamoDB Local's JVM) that is not counted.
    await measureOnce(runAt, freshOutbox());
    const first = await measure('Digest with 20,000 volunteers and 10,000 consents');
    await batchWrite(db, info.tables.volunteers, volunteersFrom(20_000, 10_000, now), 'volunteers');
    const second = await measure('Again with 30,000 volunteers');
    const slower = (second / first - 1) * 100;
    console.log(
      `\nWith 10,000 more volunteers: ${slower >= 0 ? '+' : ''}${slower.toFixed(1)}% (target: under 20% slower) ${slower < 20 ? 'met' : 'NOT MET'}`,
    );
  });
