import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { consentsRepository } from '../functions/adapters/consents-repository.ts';
import { volunteersRepository } from '../functions/adapters/volunteers-repository.ts';
import type { HandoverRecord } from '../functions/domain/handover.ts';
import { optimalPlan } from '../functions/domain/match-plan.ts';
import { refugeeProfile, scorePair, volunteerProfile } from '../functions/domain/match-scoring.ts';
import { suggestionsFor } from '../functions/domain/matching-views.ts';
import { confirm, newVolunteer, type Volunteer } from '../functions/domain/volunteer.ts';
import { forEachConcurrently } from '../functions/lib/concurrently.ts';
import { helpOptions, languageOptions, volunteerSignupSchema } from '../shared/volunteer-contract.ts';
import { signupBody } from '../test/support/signup-fixture.ts';
import { median, ms } from './figures.ts';
import { seededRecord } from './seeded-records.ts';
import { documentClientFor, withBenchStack } from './stack-db.ts';

/**
 * Matching figures on DynamoDB Local (its own stack, in memory, loopback only): the suggestions
 * for one refugee in a kommune with 3,000 available volunteers against the raw paged Query of the
 * same index in the same run; and the optimal plan for 300 waiting refugees × 3,000 volunteers.
 */

const kommune = '101';
const volunteerCount = 3_000;
const refugeeCount = 300;

/** A seeded generator, so every run plans the same kommune. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const next = random(2026);
const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
const some = <T>(values: readonly T[], n: number): T[] => [
  ...new Set(Array.from({ length: n }, () => pick(values))),
];
const postal = () => String(1050 + Math.floor(next() * 400));

const volunteerAt = (i: number, now: Date): Volunteer => {
  const family = next() < 0.3;
  const input = volunteerSignupSchema.parse(
    signupBody(`bench.match.${i}@example.dk`, {
      name: `Frivillig ${i}`,
      kommuneCode: kommune,
      postalCode: postal(),
      kind: family ? 'family' : 'friend',
      ...(family ? { adults: 2, children: Math.floor(next() * 3) } : {}),
      languages: some(languageOptions, 1 + Math.floor(next() * 3)),
      helpWith: some(helpOptions, 1 + Math.floor(next() * 3)),
      gender: pick(['woman', 'man', undefined]),
      capacity: next() < 0.2 ? 2 : 1,
    }),
  );
  return confirm(newVolunteer(input, now), now);
};

const refugeeAt = (i: number, now: Date): HandoverRecord => {
  const family = next() < 0.4;
  const at = new Date(now.getTime() - (refugeeCount - i) * 60_000).toISOString();
  return seededRecord({
    id: `bench-refugee-${String(i).padStart(19, '0')}`,
    kommuneCode: kommune,
    at,
    interviewDate: '2026-11-02',
    share: { shareWithVolunteers: true, shareWithKommune: false },
    n: i,
    person: {
      languages: some(languageOptions.slice(2), 1 + Math.floor(next() * 2)),
      danishLevel: pick(['none', 'basic', 'good'] as const),
      englishLevel: pick(['none', 'basic', 'good', 'fluent'] as const),
      household: family ? 'family' : 'alone',
      ...(family ? { adults: 2 } : {}),
      childrenAges: family ? [3, 8] : [],
      expectedMovingDate: '2026-12-01',
      newAddress: `Gade ${i}, ${postal()} København K`,
      helpWith: some(helpOptions, 2),
      preferredVolunteerGender: pick(['any', 'any', 'woman', 'man'] as const),
    },
  });
};

/** Runs `tasks` with `concurrency` at a time, printing progress. */
const inParallel = async (
  label: string,
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
) => {
  let done = 0;
  await forEachConcurrently(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      await task(i);
      if (++done % 500 === 0) process.stdout.write(`\r  ${label}: ${done} of ${count}`);
    },
  );
  process.stdout.write(`\r  ${label}: ${count} of ${count}\n`);
};

export const benchMatching = (): Promise<void> =>
  withBenchStack('matching', { gateway: 3690, dynamodb: 8690, ses: 8695, cognito: 9890 }, async (info) => {
    const db = documentClientFor(info);
    const now = new Date();
    const volunteers = volunteersRepository(db, info.tables.volunteers);
    const records = consentsRepository(db, {
      consents: info.tables.consents,
      outbox: info.tables.outbox,
      matches: info.tables.matches,
      kommuner: info.tables.kommuner,
      volunteers: info.tables.volunteers,
    });
    const seededVolunteers = Array.from({ length: volunteerCount }, (_, i) => volunteerAt(i, now));
    const seededRefugees = Array.from({ length: refugeeCount }, (_, i) => refugeeAt(i, now));
    console.log(
      `Seeding kommune ${kommune}: ${volunteerCount} available volunteers, ${refugeeCount} waiting refugees`,
    );
    await inParallel('volunteers', volunteerCount, 16, (i) =>
      volunteers.create(seededVolunteers[i] as Volunteer),
    );
    await inParallel('refugees', refugeeCount, 16, async (i) => {
      await records.create(seededRefugees[i] as HandoverRecord, undefined, now);
    });

    const rawQuery = async () => {
      let count = 0;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: info.tables.volunteers,
            IndexName: 'by-kommune-status',
            KeyConditionExpression: 'kommuneStatus = :available',
            ExpressionAttributeValues: { ':available': `${kommune}#available` },
            ExclusiveStartKey,
          }),
        );
        count += page.Items?.length ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return count;
    };
    const refugee = seededRefugees[0] as HandoverRecord;
    const suggest = () => suggestionsFor({ volunteers, now: () => now }, refugee);

    // Warm up (JIT, connections), then alternate the two so both see the same machine.
    for (let i = 0; i < 5; i++) {
      await rawQuery();
      await suggest();
    }
    const raw: number[] = [];
    const suggestions: number[] = [];
    let found = 0;
    for (let i = 0; i < 30; i++) {
      let start = performance.now();
      found = await rawQuery();
      raw.push(performance.now() - start);
      start = performance.now();
      await suggest();
      suggestions.push(performance.now() - start);
    }
    const ratio = median(suggestions) / median(raw);
    console.log(`\nSuggestions for one refugee among ${found} available volunteers (30 runs each, medians):`);
    console.log(`  raw paged Query of the index:   ${ms(median(raw))}`);
    console.log(`  suggestions (Query + ranking):  ${ms(median(suggestions))}`);
    console.log(`  ratio: ${ratio.toFixed(2)}× (target: at most 1.5×) ${ratio <= 1.5 ? 'met' : 'NOT MET'}`);

    const waiting = await records.listWaiting(kommune);
    const available = await volunteers.listAvailable(kommune, now);
    const refugeeProfiles = waiting.map(refugeeProfile);
    const volunteerProfiles = available.map((v) => volunteerProfile(v, now));
    const planStart = performance.now();
    const plan = optimalPlan(refugeeProfiles, volunteerProfiles);
    const planMs = performance.now() - planStart;
    // For comparison only: greedy (each refugee, longest wait first, takes their best free volunteer).
    const left = new Map(volunteerProfiles.map((v) => [v.id, v.spare]));
    let greedy = 0;
    for (const r of refugeeProfiles) {
      let best: { id: string; score: number } | undefined;
      for (const v of volunteerProfiles) {
        const score = (left.get(v.id) ?? 0) > 0 ? scorePair(r, v) : undefined;
        if (score !== undefined && score > 0 && (!best || score > best.score)) best = { id: v.id, score };
      }
      if (best) {
        greedy += best.score;
        left.set(best.id, (left.get(best.id) ?? 0) - 1);
      }
    }
    console.log(
      `\nPlan for ${waiting.length} waiting refugees × ${available.length} volunteers: ${ms(planMs)} (target: under 3 s) ${planMs < 3000 ? 'met' : 'NOT MET'}`,
    );
    console.log(
      `  ${plan.pairs.length} pairs, total score ${plan.total} (optimal: the Hungarian method, checked against brute force in test/matching); greedy would reach ${greedy}`,
    );
    if (waiting.length !== refugeeCount || available.length !== volunteerCount) {
      process.exitCode = 1;
      console.error('The seeded data did not read back complete.');
    }
  });
