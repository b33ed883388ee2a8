import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRecord } from '../../bench/seeded-records.ts';
import { batchWrite, countRequests } from '../../bench/stack-db.ts';
import { consentsLists } from '../../functions/adapters/consents-lists.ts';
import { toItem } from '../../functions/adapters/consents-table.ts';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { toItem as matchItem } from '../../functions/adapters/matches-table.ts';
import { volunteersLists } from '../../functions/adapters/volunteers-lists.ts';
import { toItem as volunteerItem } from '../../functions/adapters/volunteers-table.ts';
import type { HandoverRecord } from '../../functions/domain/handover.ts';
import type { Match } from '../../functions/domain/match.ts';
import type { Page, PageSize } from '../../functions/domain/paging.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { documentClient, stack } from '../support/stack.ts';

/**
 * The lists' paging against DynamoDB Local, through the real adapters: every record is visited
 * exactly once (no gaps, no repeats) while records are added meanwhile, in the list's order, with a
 * fixed number of requests per page whatever the volume. Partitions are unique per test run, so the
 * rest of the suite's data never mixes in.
 */

const run = randomBytes(4).toString('hex');
const id = () => randomBytes(24).toString('base64url');

/** A client that counts the requests sent through it. */
const countingClient = () => {
  const db = documentClient();
  return { db, counter: countRequests(db) };
};

const record = (input: {
  centre?: string;
  kommune: string;
  at: string;
  n: number;
  status?: HandoverRecord['status'];
  language?: string;
}) => ({
  ...seededRecord({
    id: id(),
    kommuneCode: input.kommune,
    at: input.at,
    interviewDate: input.at.slice(0, 10),
    share: { shareWithVolunteers: true, shareWithKommune: true },
    n: input.n,
    person: {
      name: `Person ${input.n}`,
      languages: [input.language ?? 'arabic'] as never,
      household: 'alone',
      expectedMovingDate: '2026-12-15',
    },
  }),
  centreId: input.centre ?? 'sandholm',
  status: input.status ?? 'waiting',
});

/** Reads every page from the first, calling `between` after each; returns the pages. */
const allPages = async <T>(
  read: (cursor?: string) => Promise<Page<T>>,
  between: (pageNumber: number) => Promise<void> = async () => {},
) => {
  const pages: Page<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page);
    cursor = page.next;
    await between(pages.length);
  } while (cursor && pages.length < 200);
  return pages;
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString();

describe("the caseworker's handover list pages", () => {
  it('visits every record of two centres exactly once, newest first, with records added meanwhile', async () => {
    const { db, counter } = countingClient();
    const centres = [`a-${run}`, `b-${run}`];
    // 130 records; some share a timestamp across and within the centres.
    const records = Array.from({ length: 130 }, (_, n) =>
      record({ centre: centres[n % 3 === 0 ? 1 : 0], kommune: `k${run}`, at: at(Math.floor(n / 2)), n }),
    );
    await batchWrite(db, stack.tables.consents, records.map(toItem));
    const lists = consentsLists(db, stack.tables.consents);
    let added = 0;
    const requestsPerPage: number[] = [];
    const pages = await allPages(
      async (cursor) => {
        const before = counter.requests;
        const page = await lists.pageByCentres(centres, { size: 25, cursor }, {});
        requestsPerPage.push(counter.requests - before);
        return page;
      },
      async () => {
        // A newer record arrives while the caseworker reads the list.
        await batchWrite(db, stack.tables.consents, [
          toItem(
            record({
              centre: centres[added % 2],
              kommune: `k${run}`,
              at: at(500 + added),
              n: 1000 + added++,
            }),
          ),
        ]);
      },
    );
    const seen = pages.flatMap((p) => p.items.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((s) => records.some((r) => r.id === s)).length).toBe(130);
    const times = pages.flatMap((p) => p.items.map((r) => r.recordedAt));
    expect(times).toEqual([...times].sort().reverse());
    expect(pages.slice(0, -1).every((p) => p.items.length === 25)).toBe(true);
    expect(pages.map((p) => p.offset)).toEqual(pages.map((_, i) => i * 25));
    // One Query per centre per page.
    expect(Math.max(...requestsPerPage)).toBe(2);
  });

  it('filters by status and kommune without gaps or repeats', async () => {
    const db = documentClient();
    const centre = `f-${run}`;
    const records = Array.from({ length: 90 }, (_, n) =>
      record({
        centre,
        kommune: n % 2 ? `x${run}` : `y${run}`,
        at: at(n),
        n,
        status: n % 3 ? 'waiting' : 'withdrawn',
      }),
    );
    await batchWrite(db, stack.tables.consents, records.map(toItem));
    const lists = consentsLists(db, stack.tables.consents);
    const pages = await allPages((cursor) =>
      lists.pageByCentres([centre], { size: 25, cursor }, { status: 'waiting', kommuneCode: `x${run}` }),
    );
    const expected = records
      .filter((r) => r.status === 'waiting' && r.kommuneCode === `x${run}`)
      .map((r) => r.id);
    const seen = pages.flatMap((p) => p.items.map((r) => r.id));
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('ignores a tampered cursor instead of reading another centre', async () => {
    const db = documentClient();
    const lists = consentsLists(db, stack.tables.consents);
    const mine = `m-${run}`;
    await batchWrite(db, stack.tables.consents, [
      toItem(record({ centre: mine, kommune: `k${run}`, at: at(1), n: 1 })),
    ]);
    const forged = Buffer.from(JSON.stringify({ o: 0, p: { [`a-${run}`]: ['9999', 'x', 'y'] } })).toString(
      'base64url',
    );
    const page = await lists.pageByCentres([mine], { size: 25, cursor: forged }, {});
    expect(page.items.map((r) => r.centreId)).toEqual([mine]);
    const garbage = await lists.pageByCentres([mine], { size: 25, cursor: 'not-a-cursor' }, {});
    expect(garbage.items).toHaveLength(1);
    // A position DynamoDB refuses (half a key) starts afresh instead of failing.
    const half = Buffer.from(JSON.stringify({ o: 5, p: { [mine]: ['2026', 'HANDOVER#x', ''] } })).toString(
      'base64url',
    );
    expect((await lists.pageByCentres([mine], { size: 25, cursor: half }, {})).items).toHaveLength(1);
    const beyond = Buffer.from(
      JSON.stringify({ o: 5, p: { [`w${run}#waiting`]: ['9999', 'HANDOVER#x', 'RECORD'] } }),
    ).toString('base64url');
    const waitingPage = await lists.pageWaiting(
      [`w${run}`],
      { size: 25, cursor: beyond },
      { waitedDays: 7 },
      new Date(),
    );
    expect(waitingPage.items).toEqual([]);
  });
});

describe("the coordinator's lists page", () => {
  it('visits everyone waiting in three kommuner exactly once, longest wait first, newcomers included', async () => {
    const { db, counter } = countingClient();
    const kommuner = [`p${run}`, `q${run}`, `r${run}`];
    const records = Array.from({ length: 160 }, (_, n) =>
      record({ kommune: kommuner[n % 3] as string, at: at(n), n, language: n % 4 ? 'arabic' : 'tigrinya' }),
    );
    await batchWrite(db, stack.tables.consents, records.map(toItem));
    const lists = consentsLists(db, stack.tables.consents);
    const now = new Date(Date.UTC(2026, 11, 1));
    let added = 0;
    const requests: number[] = [];
    const pages = await allPages(
      async (cursor) => {
        const before = counter.requests;
        const page = await lists.pageWaiting(kommuner, { size: 50, cursor }, {}, now);
        requests.push(counter.requests - before);
        return page;
      },
      async () => {
        await batchWrite(db, stack.tables.consents, [
          toItem(record({ kommune: kommuner[added % 3] as string, at: at(900 + added), n: 2000 + added++ })),
        ]);
      },
    );
    const seen = pages.flatMap((p) => p.items.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    // Everyone who waited at the start, and everyone who arrived before the last page was read.
    expect(seen.length).toBe(160 + added - 1);
    const waits = pages.flatMap((p) => p.items.map((r) => r.recordedAt));
    expect(waits).toEqual([...waits].sort());
    expect(Math.max(...requests)).toBe(3);

    // Filtered by language and waiting time: exactly those, each once.
    const tigrinya = await allPages((cursor) =>
      lists.pageWaiting(kommuner, { size: 25, cursor }, { language: 'tigrinya', waitedDays: 29 }, now),
    );
    const found = tigrinya.flatMap((p) => p.items.map((r) => r.id));
    expect(found.sort()).toEqual(
      records
        .filter((r) => r.person?.languages.includes('tigrinya' as never))
        .map((r) => r.id)
        .sort(),
    );
  });

  it('keeps the order when a filter finds little in one kommune and much in another', async () => {
    const db = documentClient();
    const sparse = `t${run}`;
    const dense = `u${run}`;
    const records = [
      // Every 50th of 300 speaks Tigrinya in one kommune; all 60 in the other, over the same hours.
      ...Array.from({ length: 300 }, (_, n) =>
        record({ kommune: sparse, at: at(n), n, language: n % 50 === 7 ? 'tigrinya' : 'arabic' }),
      ),
      ...Array.from({ length: 60 }, (_, n) =>
        record({ kommune: dense, at: at(n * 5 + 2), n, language: 'tigrinya' }),
      ),
    ];
    await batchWrite(db, stack.tables.consents, records.map(toItem));
    const lists = consentsLists(db, stack.tables.consents);
    const pages = await allPages((cursor) =>
      lists.pageWaiting([sparse, dense], { size: 25, cursor }, { language: 'tigrinya' }, new Date()),
    );
    const waits = pages.flatMap((p) => p.items.map((r) => r.recordedAt));
    expect(waits.length).toBe(66);
    expect(waits).toEqual([...waits].sort());
  });

  it('pages volunteers latest activity first, across availability, filtered by language', async () => {
    const db = documentClient();
    const kommune = `v${run}`;
    const volunteers = Array.from(
      { length: 70 },
      (_, n) =>
        ({
          id: id(),
          email: `frivillig-${run}-${n}@example.org`,
          name: `Frivillig ${n}`,
          kommuneCode: kommune,
          postalCode: '3450',
          kind: n % 5 ? 'friend' : 'family',
          languages: n % 2 ? ['arabic'] : ['english'],
          helpWith: ['everyday-danish'],
          meetingFrequency: 'weekly',
          capacity: 1,
          arrivalAlerts: false,
          organisation: 'red-cross',
          language: 'da',
          status: n === 69 ? 'unconfirmed' : 'confirmed',
          paused: n % 7 === 0,
          ready: n % 5 !== 3,
          emailOptOut: false,
          // Every sixth has their one place taken.
          activeMatches: n % 6 === 0 ? 1 : 0,
          consentedAt: at(n),
          createdAt: at(n),
          updatedAt: at(n),
        }) as unknown as Volunteer,
    );
    await batchWrite(db, stack.tables.volunteers, volunteers.map(volunteerItem));
    const lists = volunteersLists(db, stack.tables.volunteers);
    const pages = await allPages((cursor) => lists.page([kommune], { size: 25, cursor }, {}));
    const seen = pages.flatMap((p) => p.items.map((v) => v.id));
    expect(seen.length).toBe(69);
    expect(new Set(seen).size).toBe(69);
    const times = pages.flatMap((p) => p.items.map((v) => v.updatedAt));
    expect(times).toEqual([...times].sort().reverse());
    const arabic = await allPages((cursor) =>
      lists.page([kommune], { size: 25, cursor }, { language: 'arabic', availability: 'available' }),
    );
    expect(arabic.flatMap((p) => p.items).every((v) => v.languages.includes('arabic') && !v.paused)).toBe(
      true,
    );
    expect(arabic.flatMap((p) => p.items).length).toBe(
      volunteers.filter(
        (v, n) => n !== 69 && v.languages.includes('arabic') && !v.paused && v.ready && n % 6 !== 0,
      ).length,
    );
    // Ready for a new friend and not pausing, whatever their places.
    const ready = await allPages((cursor) => lists.page([kommune], { size: 25, cursor }, { ready: true }));
    expect(ready.flatMap((p) => p.items.map((v) => v.id)).sort()).toEqual(
      volunteers
        .filter((v, n) => n !== 69 && v.ready && !v.paused)
        .map((v) => v.id)
        .sort(),
    );
    // With a place left, paused or not.
    const withRoom = await allPages((cursor) =>
      lists.page([kommune], { size: 25, cursor }, { withRoom: true }),
    );
    expect(withRoom.flatMap((p) => p.items.map((v) => v.id)).sort()).toEqual(
      volunteers
        .filter((v, n) => n !== 69 && v.activeMatches < v.capacity)
        .map((v) => v.id)
        .sort(),
    );
  });

  it('pages matches of several statuses newest first', async () => {
    const db = documentClient();
    const kommune = `m${run}`;
    const statuses = ['proposed', 'active', 'paused', 'ended'] as const;
    const matches = Array.from(
      { length: 60 },
      (_, n) =>
        ({
          id: id(),
          consentId: id(),
          volunteerId: id(),
          kommuneCode: kommune,
          status: statuses[n % 4],
          score: 1,
          reasons: [],
          proposedAt: at(n),
          proposedBy: { sub: 'test', name: 'test' },
          arrivalDate: '2026-11-01',
          followUps: {},
          version: 1,
          updatedAt: at(n),
        }) as unknown as Match,
    );
    await batchWrite(db, stack.tables.matches, matches.map(matchItem));
    const repository = matchesRepository(db, stack.tables);
    const pages = await allPages((cursor) =>
      repository.page([kommune], ['proposed', 'active', 'paused'], { size: 25 as PageSize, cursor }),
    );
    const seen = pages.flatMap((p) => p.items.map((m) => m.id));
    expect(seen.sort()).toEqual(
      matches
        .filter((m) => m.status !== 'ended')
        .map((m) => m.id)
        .sort(),
    );
  });
});

describe('a page costs the same whatever the volume', () => {
  it('reads one Query per partition for the first and a later page of 1,000 waiting as of 50', async () => {
    const { db, counter } = countingClient();
    const small = `s${run}`;
    const large = `l${run}`;
    await batchWrite(
      db,
      stack.tables.consents,
      [
        ...Array.from({ length: 50 }, (_, n) => record({ kommune: small, at: at(n), n })),
        ...Array.from({ length: 1000 }, (_, n) => record({ kommune: large, at: at(n), n })),
      ].map(toItem),
    );
    const lists = consentsLists(db, stack.tables.consents);
    const now = new Date();
    const cost = async (kommune: string) => {
      const before = counter.requests;
      const first = await lists.pageWaiting([kommune], { size: 25 }, {}, now);
      await lists.pageWaiting([kommune], { size: 25, cursor: first.next }, {}, now);
      return counter.requests - before;
    };
    expect(await cost(large)).toBe(await cost(small));
    expect(await cost(large)).toBe(2);
  });
});
