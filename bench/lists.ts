import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { consentsLists } from '../functions/adapters/consents-lists.ts';
import { centreTotalKey, toItem as recordItem } from '../functions/adapters/consents-table.ts';
import { kommunerRepository } from '../functions/adapters/kommuner-repository.ts';
import { kommuneKey } from '../functions/adapters/kommuner-table.ts';
import { matchesRepository } from '../functions/adapters/matches-repository.ts';
import { toItem as matchItem } from '../functions/adapters/matches-table.ts';
import { volunteersLists } from '../functions/adapters/volunteers-lists.ts';
import { toItem as volunteerItem } from '../functions/adapters/volunteers-table.ts';
import type { Actor, HandoverRecord } from '../functions/domain/handover.ts';
import type { Match } from '../functions/domain/match.ts';
import type { Page } from '../functions/domain/paging.ts';
import { searchTermOf } from '../functions/domain/search-terms.ts';
import {
  handoverPage,
  type ListDeps,
  matchPage,
  volunteerPage,
  waitingPage,
} from '../functions/domain/staff-lists.ts';
import type { Volunteer } from '../functions/domain/volunteer.ts';
import { median, ms, percentile } from './figures.ts';
import { seededRecord } from './seeded-records.ts';
import { batchWrite, countRequests, documentClientFor, withBenchStack } from './stack-db.ts';

/**
 * `npm run bench -- lists`: the staff's lists at volume. Seeds 5,000 handovers in one centre
 * (1,000 of them waiting in one kommune), 3,000 volunteers and 500 matches in that kommune, then
 * times the first and a later page of each list and a name search against a raw Query of one page
 * of the same index in the same run (p50, p99), and counts the DynamoDB requests per page.
 * Target: each within 2× of the raw page Query, with the same number of requests whatever the volume.
 */

const centre = 'sandholm';
const kommune = '201';
const handovers = 5000;
const waiting = 1000;
const volunteerCount = 3000;
const matchCount = 500;
const runs = 40;

const id = (prefix: string, n: number) =>
  `${prefix}${String(n).padStart(31 - prefix.length, '0')}x`.slice(0, 32);
const at = (n: number) => new Date(Date.UTC(2026, 5, 1) + n * 60_000).toISOString();
const surnames = [
  'Haddad',
  'Al-Hassan',
  'Tesfay',
  'Kovalenko',
  'Ahmadi',
  'Warsame',
  'Nørgaard',
  'Søndergaard',
];

export const benchLists = (): Promise<void> =>
  withBenchStack('lists', { gateway: 3790, dynamodb: 8790, ses: 8795, cognito: 9990 }, async (info) => {
    const db = documentClientFor(info);
    const counter = countRequests(db);
    const now = new Date(Date.UTC(2026, 11, 1));
    console.log(
      `Seeding centre ${centre}: ${handovers} handovers (${waiting} waiting in kommune ${kommune}); ${volunteerCount} volunteers and ${matchCount} matches in ${kommune}`,
    );
    const records: HandoverRecord[] = Array.from({ length: handovers }, (_, n) => ({
      ...seededRecord({
        id: id('r', n),
        kommuneCode: n < waiting ? kommune : (['101', '147', '751', '851'][n % 4] as string),
        at: at(n),
        interviewDate: at(n).slice(0, 10),
        share: { shareWithVolunteers: true, shareWithKommune: true },
        n,
        person: {
          name: `Flygtning ${n} ${surnames[n % surnames.length]}`,
          languages: ['arabic'],
          household: n % 3 ? 'alone' : 'family',
          expectedMovingDate: '2026-07-01',
        } as never,
      }),
      centreId: centre,
      status: n < waiting || n % 2 ? 'waiting' : 'matched',
    }));
    await batchWrite(db, info.tables.consents, records.map(recordItem), 'handovers');
    const volunteers = Array.from(
      { length: volunteerCount },
      (_, n) =>
        ({
          id: id('v', n),
          email: `frivillig.${n}@example.org`,
          name: `Frivillig ${n} ${surnames[n % surnames.length]}`,
          kommuneCode: kommune,
          postalCode: '3450',
          kind: n % 5 ? 'friend' : 'family',
          languages: n % 2 ? ['danish', 'arabic'] : ['danish', 'english'],
          helpWith: ['everyday-danish'],
          meetingFrequency: 'weekly',
          capacity: 1,
          arrivalAlerts: false,
          organisation: 'red-cross',
          language: 'da',
          status: 'confirmed',
          paused: n % 9 === 0,
          ready: true,
          emailOptOut: false,
          activeMatches: 0,
          consentedAt: at(n),
          createdAt: at(n),
          updatedAt: at(n),
        }) as unknown as Volunteer,
    );
    await batchWrite(db, info.tables.volunteers, volunteers.map(volunteerItem), 'volunteers');
    const matches = Array.from(
      { length: matchCount },
      (_, n) =>
        ({
          id: id('m', n),
          consentId: id('r', waiting + 2 * n),
          volunteerId: id('v', n),
          kommuneCode: kommune,
          status: 'active',
          score: 10,
          reasons: [],
          proposedAt: at(n),
          activeSince: at(n + 10),
          proposedBy: { sub: 'bench', name: 'bench' },
          arrivalDate: '2026-07-01',
          followUps: {},
          version: 1,
          updatedAt: at(n),
        }) as unknown as Match,
    );
    await batchWrite(db, info.tables.matches, matches.map(matchItem), 'matches');
    // The counters the writes would have kept.
    await db.send(
      new UpdateCommand({
        TableName: info.tables.consents,
        Key: centreTotalKey(centre),
        UpdateExpression: 'SET records = :n',
        ExpressionAttributeValues: { ':n': handovers },
      }),
    );
    await db.send(
      new UpdateCommand({
        TableName: info.tables.kommuner,
        Key: kommuneKey(kommune),
        UpdateExpression: 'SET waitingRefugees = :w, listedVolunteers = :v, availableVolunteers = :a',
        ExpressionAttributeValues: { ':w': waiting, ':v': volunteerCount, ':a': volunteerCount },
      }),
    );

    const deps: ListDeps = {
      records: consentsLists(db, info.tables.consents),
      volunteers: volunteersLists(db, info.tables.volunteers),
      matches: matchesRepository(db, {
        consents: info.tables.consents,
        outbox: info.tables.outbox,
        matches: info.tables.matches,
        kommuner: info.tables.kommuner,
        volunteers: info.tables.volunteers,
      }),
      kommuner: kommunerRepository(db, info.tables.kommuner),
      // The audit write each page also makes is one BatchWrite per 25 rows, timed apart from the reads.
      audit: { record: async () => {}, listFor: async () => [] },
      now: () => now,
    };
    const caseworker: Actor = { sub: 'b', name: 'b', roles: ['caseworker'], centres: [centre], kommuner: [] };
    const coordinator: Actor = {
      sub: 'b',
      name: 'b',
      roles: ['coordinator'],
      centres: [],
      kommuner: [kommune],
    };
    const raw =
      (index: string, attribute: string, value: string, forward: boolean, limit = 25) =>
      () =>
        db.send(
          new QueryCommand({
            TableName: index.startsWith('v:')
              ? info.tables.volunteers
              : index.startsWith('m:')
                ? info.tables.matches
                : info.tables.consents,
            IndexName: index.slice(2),
            KeyConditionExpression: '#p = :p',
            ExpressionAttributeNames: { '#p': attribute },
            ExpressionAttributeValues: { ':p': value },
            ScanIndexForward: forward,
            Limit: limit,
          }),
        );
    /** The cursor of the 10th page, found once: a "later page". */
    const tenth = async (read: (cursor?: string) => Promise<Page<unknown>>) => {
      let cursor: string | undefined;
      for (let i = 0; i < 9; i++) cursor = (await read(cursor)).next;
      return cursor;
    };
    const lists: {
      name: string;
      baseline: () => Promise<unknown>;
      read: (cursor?: string) => Promise<unknown>;
      later?: (cursor?: string) => Promise<Page<unknown>>;
    }[] = [
      {
        name: "caseworker's handovers",
        baseline: raw('c:by-centre', 'centreId', centre, false),
        read: (cursor) => handoverPage(deps, caseworker, { size: 25, cursor }, {}),
        later: (cursor) => deps.records.pageByCentres([centre], { size: 25, cursor }, {}),
      },
      {
        name: 'waiting refugees',
        baseline: raw('c:by-kommune-status', 'kommuneStatus', `${kommune}#waiting`, true),
        read: (cursor) => waitingPage(deps, coordinator, [kommune], { size: 25, cursor }, {}),
        later: (cursor) => deps.records.pageWaiting([kommune], { size: 25, cursor }, {}, now),
      },
      {
        name: 'volunteers',
        baseline: raw('v:by-kommune-status', 'kommuneStatus', `${kommune}#available`, false),
        read: (cursor) =>
          volunteerPage(deps, { roles: ['admin'], kommuner: [kommune] }, [kommune], { size: 25, cursor }, {}),
        later: (cursor) => deps.volunteers.page([kommune], { size: 25, cursor }, {}),
      },
      {
        name: 'matches with both names',
        baseline: raw('m:by-kommune-status', 'kommuneStatus', `${kommune}#active`, false),
        read: (cursor) =>
          matchPage(deps, coordinator, [kommune], ['proposed', 'active', 'paused'], { size: 25, cursor }),
        later: (cursor) =>
          deps.matches.page([kommune], ['proposed', 'active', 'paused'], { size: 25, cursor }),
      },
    ];
    const time = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      let requests = 0;
      for (let i = 0; i < 5; i++) await work();
      for (let i = 0; i < runs; i++) {
        const before = counter.requests;
        const start = performance.now();
        await work();
        samples.push(performance.now() - start);
        requests = counter.requests - before;
      }
      samples.sort((a, b) => a - b);
      return { p50: median(samples), p99: percentile(samples, 99), requests };
    };
    const row = (label: string, t: { p50: number; p99: number; requests: number }, base: number) => {
      const ratio = t.p50 / base;
      console.log(
        `  ${label.padEnd(34)} p50 ${ms(t.p50).padStart(9)}  p99 ${ms(t.p99).padStart(9)}  ${String(t.requests).padStart(2)} requests  ${ratio.toFixed(2)}× raw ${ratio <= 2 ? 'met' : 'NOT MET'}`,
      );
    };
    console.log(
      `\nEach list, ${runs} runs after 5 warm-ups (page of 25; target: p50 within 2× the raw page Query):`,
    );
    for (const list of lists) {
      const base = await time(list.baseline);
      console.log(`${list.name}: raw page Query p50 ${ms(base.p50)}, p99 ${ms(base.p99)}`);
      row('first page (use case, with total)', await time(() => list.read()), base.p50);
      if (list.later) {
        const cursor = await tenth(list.later);
        row('10th page (use case)', await time(() => list.read(cursor)), base.p50);
      }
    }
    const names = await time(() =>
      Promise.all([
        deps.records.getMany(matches.slice(0, 25).map((m) => m.consentId)),
        deps.volunteers.getMany(matches.slice(0, 25).map((m) => m.volunteerId)),
      ]),
    );
    console.log(
      `  (of which the names: two BatchGets of 25 in parallel, p50 ${ms(names.p50)}: the floor of a list that names people it stores no names for)`,
    );
    const searches: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        'handovers by name',
        () => deps.records.search({ centres: [centre] }, searchTermOf('flygtning 4711') ?? {}, 50),
        raw('c:by-centre-name', 'centreId', centre, true, 50),
      ],
      [
        'handovers by last name (Soendergaard)',
        () => deps.records.search({ centres: [centre] }, searchTermOf('Soendergaard') ?? {}, 50),
        raw('c:by-centre-surname', 'centreId', centre, true, 50),
      ],
      [
        'waiting by phone (+45 3000 0042)',
        () =>
          deps.records.search({ queues: [`${kommune}#waiting`] }, searchTermOf('+45 3000 0042') ?? {}, 50),
        raw('c:by-queue-name', 'kommuneStatus', `${kommune}#waiting`, true, 50),
      ],
      [
        'volunteers by name',
        () => deps.volunteers.search([kommune], searchTermOf('frivillig 2999') ?? {}, 50),
        raw('v:by-kommune-name', 'searchKommune', kommune, true, 50),
      ],
    ];
    console.log(
      "\nSearches (at most 50 found: a search's page; against a raw Query of 50 on the same index):",
    );
    for (const [label, search, baseline] of searches) {
      const base = await time(baseline);
      row(label, await time(search), base.p50);
    }
    console.log(
      `\nThe coordinator's overview is the waiting list's first page plus the kommune counters: its requests stay ${(await time(() => (lists[1] as (typeof lists)[number]).read())).requests} with ${waiting} waiting (it read all ${waiting} before).`,
    );
  });
