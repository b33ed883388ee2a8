import { describe, expect, it } from 'vitest';
import type { HandoverRecord } from '../../functions/domain/handover.ts';
import type { KommuneWithCounters } from '../../functions/domain/kommune.ts';
import {
  buildDigest,
  contactIdFor,
  type DigestContact,
  type DigestSources,
  digestEmail,
  digestPeriod,
  type KommuneForDigest,
  quietDigestOptions,
  writeWeeklyDigests,
} from '../../functions/domain/kommune-digest.ts';
import type { Match } from '../../functions/domain/match.ts';
import {
  defaultPeriod,
  FiguresAreaError,
  FiguresPeriodError,
  type MonthAggregates,
  maxMonths,
  median,
  monthsBetween,
  recruitmentOf,
  recruitmentSourceOf,
  scopeOf,
  secretariatFigures,
  twelveMonthsEndingIn,
} from '../../functions/domain/secretariat-figures.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';

const kommune = (
  code: string,
  name: string,
  regionCode: string,
  waiting = 0,
  available = 0,
): KommuneWithCounters => ({
  code,
  name,
  regionCode,
  region: regionCode === '1084' ? 'Region Hovedstaden' : 'Region Midtjylland',
  waitingRefugees: waiting,
  availableVolunteers: available,
  confirmedVolunteers: 0,
  volunteersLeft: 0,
  listedVolunteers: 0,
});

const kommuner = [
  kommune('101', 'København', '1084', 10, 4),
  kommune('147', 'Frederiksberg', '1084', 3, 5),
  kommune('751', 'Aarhus', '1082', 6, 1),
];

const admin = { roles: ['admin'] as const, kommuner: [] };
const coordinator = { roles: ['coordinator'] as const, kommuner: ['101', '751'] };

describe('periods', () => {
  it('list the months between two, across a new year, at most the maximum and one', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
    expect(monthsBetween('2020-01', '2029-12')).toHaveLength(maxMonths + 1);
    expect(maxMonths).toBe(36);
  });

  it('default to the twelve months up to this one, in Danish time', () => {
    expect(twelveMonthsEndingIn('2026-11')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(twelveMonthsEndingIn('2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(twelveMonthsEndingIn('2026-01')).toEqual({ from: '2025-02', to: '2026-01' });
    expect(defaultPeriod(new Date('2026-11-30T23:30:00Z'))).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('take the median, rounded, of an odd and an even number of values', () => {
    expect(median([])).toBeUndefined();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 1, 4, 2])).toBe(3);
    expect(median([1, 2])).toBe(2);
  });
});

describe('recruitment', () => {
  const v = (extra: Partial<Volunteer>) =>
    ({ kommuneCode: '101', status: 'unconfirmed', ...extra }) as Volunteer;

  it('is counted under the campaign, else under where they heard of us', () => {
    expect(recruitmentSourceOf(v({ utmSource: 'facebook', utmCampaign: 'uge-47' }))).toEqual({
      channel: 'campaign',
      source: 'facebook',
      campaign: 'uge-47',
    });
    expect(recruitmentSourceOf(v({ utmCampaign: 'uge-47' }))).toEqual({
      channel: 'campaign',
      source: '',
      campaign: 'uge-47',
    });
    expect(recruitmentSourceOf(v({ utmSource: 'x' }))).toEqual({ channel: 'campaign', source: 'x' });
    expect(recruitmentSourceOf(v({ heardFrom: 'news' }))).toEqual({ channel: 'heard-from', source: 'news' });
    expect(recruitmentSourceOf(v({}))).toEqual({ channel: 'heard-from', source: 'unknown' });
  });

  it('happens once, when a sign-up is confirmed, in that Danish month', () => {
    const now = new Date('2026-10-31T23:30:00Z');
    expect(recruitmentOf(v({}), v({ status: 'confirmed', kommuneCode: '147' }), now)).toEqual({
      month: '2026-11',
      kommuneCode: '147',
      source: { channel: 'heard-from', source: 'unknown' },
    });
    expect(recruitmentOf(v({ status: 'confirmed' }), v({ status: 'confirmed' }), now)).toBeUndefined();
    expect(recruitmentOf(undefined, v({ status: 'confirmed' }), now)).toBeUndefined();
    expect(recruitmentOf(v({}), undefined, now)).toBeUndefined();
    expect(recruitmentOf(v({}), v({}), now)).toBeUndefined();
  });
});

const month = (_m: string, extra: Partial<MonthAggregates> = {}): MonthAggregates => ({
  handovers: [],
  matches: [],
  recruited: [],
  ...extra,
});

const aggregates: Record<string, MonthAggregates> = {
  '2026-10': month('2026-10', {
    handovers: [
      {
        month: '2026-10',
        centreId: 'sandholm',
        kommuneCode: '101',
        declined: 2,
        consented: 6,
        wantsFriend: 4,
        withdrawn: 1,
      },
      {
        month: '2026-10',
        centreId: 'avnstrup',
        kommuneCode: '751',
        declined: 1,
        consented: 1,
        wantsFriend: 1,
        withdrawn: 0,
      },
      {
        month: '2026-10',
        centreId: 'sandholm',
        kommuneCode: '147',
        declined: 0,
        consented: 3,
        wantsFriend: 3,
        withdrawn: 0,
      },
    ],
    matches: [
      {
        month: '2026-10',
        kommuneCode: '101',
        matchesMade: 2,
        daysToMatch: [10, 20],
        reachedSixMonths: 1,
        endedEarly: { 'volunteer:no-time': 2, 'refugee:moved': 1 },
        checkInAnswers: { 'meeting-regularly': 4, 'lost-contact': 1 },
        meetingsPerMonth: [1.5, 2, 0.5],
      },
    ],
    recruited: [
      {
        month: '2026-10',
        kommuneCode: '101',
        channel: 'campaign',
        source: 'facebook',
        campaign: 'uge-42',
        count: 3,
      },
      { month: '2026-10', kommuneCode: '751', channel: 'heard-from', source: 'news', count: 2 },
    ],
  }),
  '2026-11': month('2026-11', {
    handovers: [
      {
        month: '2026-11',
        centreId: 'sandholm',
        kommuneCode: '101',
        declined: 1,
        consented: 1,
        wantsFriend: 0,
        withdrawn: 0,
      },
    ],
    matches: [
      {
        month: '2026-11',
        kommuneCode: '751',
        matchesMade: 1,
        daysToMatch: [40],
        reachedSixMonths: 0,
        endedAfterSixMonths: 1,
        meetingsPerMonth: [2.5],
      },
    ],
    recruited: [
      {
        month: '2026-11',
        kommuneCode: '101',
        channel: 'campaign',
        source: 'facebook',
        campaign: 'uge-42',
        count: 1,
      },
    ],
  }),
};

const figuresDeps = {
  month: async (m: string) => aggregates[m] ?? month(m),
  kommuner: async () => kommuner,
  now: () => new Date('2026-11-15T10:00:00Z'),
};

describe('the secretariat’s figures', () => {
  it('add up the months for the whole country, with regions one level down', async () => {
    const f = await secretariatFigures(figuresDeps, admin, {
      area: { kind: 'all' },
      from: '2026-10',
      to: '2026-11',
    });
    expect(f.areaName).toBe('Hele landet');
    expect(f.months).toEqual(['2026-10', '2026-11']);
    expect(f.total).toEqual({
      handovers: 15,
      consented: 11,
      wantedFriend: 8,
      shareWantedFriend: 8 / 15,
      withdrawn: 1,
      matchesMade: 3,
      medianDaysToMatch: 20,
      reachedSixMonths: 1,
      recruited: 6,
      // Outcomes known for 4 (1 reached six months, 3 closed early): 25 % reached, 75 % closed early.
      endedEarly: 3,
      endedAfterSixMonths: 1,
      shareReachedSixMonths: 0.25,
      earlyClosureRate: 0.75,
      earlyReasons: { 'volunteer:no-time': 2, 'refugee:moved': 1 },
      medianMeetingsPerMonth: 1.8,
      checkInAnswers: { 'meeting-regularly': 4, 'lost-contact': 1 },
    });
    expect(f.missingNow).toBe(6 + 0 + 5);
    expect(f.byMonth.map((m) => [m.month, m.figures.handovers, m.figures.matchesMade])).toEqual([
      ['2026-10', 13, 2],
      ['2026-11', 2, 1],
    ]);
    expect(f.byArea.map((a) => [a.code, a.name, a.figures.handovers, a.missingNow])).toEqual([
      ['1084', 'Region Hovedstaden', 13, 6],
      ['1082', 'Region Midtjylland', 2, 5],
    ]);
    expect(f.sources).toEqual([
      { source: { channel: 'campaign', source: 'facebook', campaign: 'uge-42' }, count: 4 },
      { source: { channel: 'heard-from', source: 'news' }, count: 2 },
    ]);
    expect(f.recruitment.map((r) => [r.month, r.kommuneCode, r.count])).toEqual([
      ['2026-10', '101', 3],
      ['2026-10', '751', 2],
      ['2026-11', '101', 1],
    ]);
    expect(f.byMonthAndKommune.map((r) => [r.month, r.kommuneCode])).toEqual([
      ['2026-10', '147'],
      ['2026-10', '101'],
      ['2026-10', '751'],
      ['2026-11', '101'],
      ['2026-11', '751'],
    ]);
  });

  it('give a region its kommuner, and a kommune no breakdown', async () => {
    const region = await secretariatFigures(figuresDeps, admin, {
      area: { kind: 'region', code: '1084' },
      from: '2026-10',
      to: '2026-10',
    });
    expect(region.areaName).toBe('Region Hovedstaden');
    expect(region.byArea.map((a) => [a.name, a.figures.consented])).toEqual([
      ['Frederiksberg', 3],
      ['København', 6],
    ]);
    expect(region.total.handovers).toBe(11);
    const one = await secretariatFigures(figuresDeps, admin, {
      area: { kind: 'kommune', code: '751' },
      from: '2026-10',
      to: '2026-11',
    });
    expect(one.areaName).toBe('Aarhus');
    expect(one.byArea).toEqual([]);
    expect(one.total).toMatchObject({ handovers: 2, matchesMade: 1, medianDaysToMatch: 40, recruited: 2 });
    const empty = await secretariatFigures(figuresDeps, admin, {
      area: { kind: 'kommune', code: '147' },
      from: '2026-11',
      to: '2026-11',
    });
    expect(empty.total).toEqual({
      handovers: 0,
      consented: 0,
      wantedFriend: 0,
      withdrawn: 0,
      matchesMade: 0,
      reachedSixMonths: 0,
      recruited: 0,
      // No outcome known: no shares, no median.
      endedEarly: 0,
      endedAfterSixMonths: 0,
      earlyReasons: {},
      checkInAnswers: {},
    });
  });

  it('show a coordinator only their own kommuner, and nothing of another', async () => {
    const mine = await secretariatFigures(figuresDeps, coordinator, {
      area: { kind: 'all' },
      from: '2026-10',
      to: '2026-10',
    });
    expect(mine.areaName).toBe('Mine kommuner');
    expect(mine.total.handovers).toBe(10);
    // Danish order: "Aarhus" is "Århus", after København.
    await expect(
      secretariatFigures(figuresDeps, coordinator, {
        area: { kind: 'kommune', code: '147' },
        from: '2026-10',
        to: '2026-10',
      }),
    ).rejects.toThrow(FiguresAreaError);
    expect(scopeOf(kommuner, coordinator).inScope.map((k) => k.code)).toEqual(['101', '751']);
    expect(scopeOf(kommuner, coordinator).regions.map((r) => r.code)).toEqual(['1084', '1082']);
  });

  it('refuse a period that is not one', async () => {
    const ask = (from: string, to: string) =>
      secretariatFigures(figuresDeps, admin, { area: { kind: 'all' }, from, to });
    await expect(ask('2026-1', '2026-02')).rejects.toThrow(FiguresPeriodError);
    await expect(ask('2026-01', '2026-13')).rejects.toThrow('Skriv måneder som ÅÅÅÅ-MM');
    await expect(ask('2026-03', '2026-02')).rejects.toThrow('Perioden skal starte før den slutter.');
    await expect(ask('2020-01', '2026-02')).rejects.toThrow('Vælg højst 36 måneder ad gangen.');
    await expect(ask('2023-03', '2026-02')).resolves.toMatchObject({ months: expect.any(Array) });
  });
});

describe('the weekly kommune digest', () => {
  const now = new Date('2026-11-23T07:00:00+01:00');
  const period = digestPeriod('2026-11-23');
  const record = (id: string, recordedAt: string, extra: Partial<HandoverRecord> = {}) =>
    ({
      id,
      recordedAt,
      status: 'waiting',
      consent: { shareWithKommune: true },
      person: {
        name: `Navn ${id}`,
        household: 'family',
        adults: 2,
        childrenAges: [3, 7],
        expectedMovingDate: '2026-11-10',
      },
      ...extra,
    }) as HandoverRecord;
  // New this week and moving on 15 December: listed once (it is also in the queue), no days yet.
  const arrived = record('arrivedXX', '2026-11-18T09:00:00Z', {
    person: {
      name: 'Navn arrivedXX',
      household: 'alone',
      childrenAges: [],
      expectedMovingDate: '2026-12-15',
    },
  } as unknown as Partial<HandoverRecord>);
  const sources = (overrides: Partial<DigestSources> = {}): DigestSources => ({
    contacts: async () => [],
    groups: async () => [],
    matchFigures: async () => [],
    kommune: async (code) =>
      ({ ...kommune(code, 'Allerød', '1084', 5, 2), quietDigest: 'short' }) as KommuneForDigest,
    sharedWithKommune: async () => [arrived],
    coordinators: async () => [{ name: 'Karl Koordinator', email: 'karl@rodekors.example.dk' }],
    waiting: async () => [
      record('waitingA', '2026-11-01T07:00:00Z'),
      // Registered six days before the digest, moved before that: six days waiting.
      record('waitingB', '2026-11-17T05:00:00Z', {
        consent: { shareWithKommune: false } as HandoverRecord['consent'],
      }),
      arrived,
    ],
    activeMatches: async () =>
      [
        { activeSince: '2026-11-20T10:00:00Z' },
        { activeSince: '2026-11-10T10:00:00Z' },
        { activeSince: period.until },
        {},
      ] as Match[],
    ...overrides,
  });

  it('covers the seven Danish days before its Monday', () => {
    expect(period).toEqual({ since: '2026-11-15T23:00:00.000Z', until: '2026-11-22T23:00:00.000Z' });
    expect(digestPeriod('2026-04-06')).toEqual({
      since: '2026-03-29T22:00:00.000Z',
      until: '2026-04-05T22:00:00.000Z',
    });
    expect(quietDigestOptions).toEqual(['short', 'none']);
  });

  it('tells the arrivals, who waits and how long (names only where the kommune may see them), matches and the gap', async () => {
    const k = (await sources().kommune('201')) as KommuneForDigest;
    let asked: readonly string[] = [];
    const withFigures = sources({
      matchFigures: async (_code, months) => {
        asked = months;
        return [
          {
            month: '2026-06',
            kommuneCode: '201',
            matchesMade: 0,
            daysToMatch: [],
            reachedSixMonths: 3,
            endedEarly: { 'volunteer:moved': 1 },
            checkInAnswers: { 'meeting-regularly': 5 },
            meetingsPerMonth: [2, 2.5],
          },
        ];
      },
    });
    const digest = await buildDigest(withFigures, k, '2026-W48', period, now);
    // The twelve months up to the period's: December 2025 to November 2026.
    expect(asked).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(digest).toEqual({
      kommuneCode: '201',
      kommuneName: 'Allerød',
      week: '2026-W48',
      ...period,
      newArrivals: [
        {
          reference: 'ARRIVEDX',
          name: 'Navn arrivedXX',
          recordedAt: '2026-11-18T09:00:00Z',
          status: 'waiting',
        },
      ],
      waiting: [
        {
          reference: 'WAITINGA',
          name: 'Navn waitingA',
          waitingSince: '2026-11-01T07:00:00Z',
          daysWaiting: 13,
        },
        { reference: 'WAITINGB', waitingSince: '2026-11-17T05:00:00Z', daysWaiting: 6 },
        {
          reference: 'ARRIVEDX',
          name: 'Navn arrivedXX',
          waitingSince: '2026-11-18T09:00:00Z',
          daysWaiting: 0,
        },
      ],
      // Each person once: the new first, then the queue; days from the later of handover and move.
      people: [
        {
          reference: 'ARRIVEDX',
          name: 'Navn arrivedXX',
          adults: 1,
          children: 0,
          movingDate: '2026-12-15',
          status: 'waiting',
          isNew: true,
        },
        {
          reference: 'WAITINGA',
          name: 'Navn waitingA',
          adults: 2,
          children: 2,
          movingDate: '2026-11-10',
          daysWaiting: 13,
          status: 'waiting',
          isNew: false,
        },
        { reference: 'WAITINGB', daysWaiting: 6, status: 'waiting', isNew: false },
      ],
      coordinators: [{ name: 'Karl Koordinator', email: 'karl@rodekors.example.dk' }],
      groups: [],
      matchesMade: 1,
      activeMatches: 4,
      availableVolunteers: 2,
      waitingRefugees: 5,
      gap: 3,
      quiet: false,
      outcomes: {
        reachedSixMonths: 3,
        endedEarly: 1,
        endedAfterSixMonths: 0,
        shareReachedSixMonths: 0.75,
        earlyClosureRate: 0.25,
        earlyReasons: { 'volunteer:moved': 1 },
        medianMeetingsPerMonth: 2.3,
        checkInAnswers: { 'meeting-regularly': 5 },
      },
    });
  });

  it('is quiet without arrivals and new matches', async () => {
    const calm = sources({ sharedWithKommune: async () => [], activeMatches: async () => [] });
    const digest = await buildDigest(calm, (await calm.kommune('201')) as KommuneForDigest, 'w', period, now);
    expect(digest.quiet).toBe(true);
    const matchOnly = sources({ sharedWithKommune: async () => [] });
    expect(
      (await buildDigest(matchOnly, (await matchOnly.kommune('201')) as KommuneForDigest, 'w', period, now))
        .quiet,
    ).toBe(false);
  });

  it('writes each contact’s digest once a week, and nothing for a quiet kommune that wants none', async () => {
    const contact = (kommuneCode: string, email: string): DigestContact => ({
      kommuneCode,
      contactId: contactIdFor(email),
      email,
      addedAt: '2026-01-01T00:00:00Z',
    });
    const claimed = new Set<string>();
    const deps = {
      sources: sources({
        contacts: async () => [
          contact('201', 'a@alleroed.dk'),
          contact('201', 'b@alleroed.dk'),
          contact('101', 'k@kk.dk'),
          contact('999', 'x@nowhere.dk'),
        ],
        kommune: async (code: string) =>
          code === '999'
            ? undefined
            : ({
                ...kommune(code, code, '1084'),
                quietDigest: code === '101' ? 'none' : 'short',
              } as KommuneForDigest),
        sharedWithKommune: async () => [],
        activeMatches: async () => [],
      }),
      outbox: {
        claim: async (entry: { key: string }) => !claimed.has(entry.key) && Boolean(claimed.add(entry.key)),
      },
      now: () => now,
    };
    expect(await writeWeeklyDigests(deps)).toEqual({
      week: '2026-W48',
      kommuner: 3,
      contacts: 4,
      written: 2,
      alreadyWritten: 0,
      quietSkipped: 1,
    });
    expect(await writeWeeklyDigests(deps)).toMatchObject({ written: 0, alreadyWritten: 2 });
    expect([...claimed].sort()).toEqual(
      [
        digestEmail(contact('201', 'a@alleroed.dk'), '2026-W48', period).key,
        digestEmail(contact('201', 'b@alleroed.dk'), '2026-W48', period).key,
      ].sort(),
    );
  });

  it('keys each email by kommune, week and contact, with the period as its facts', () => {
    const c = { kommuneCode: '201', contactId: 'abc', email: 'x', addedAt: '' };
    expect(digestEmail(c, '2026-W48', period)).toEqual({
      key: 'kommune-digest#201#2026-W48#abc',
      template: 'kommune-digest',
      recipientRef: '201#abc',
      facts: { week: '2026-W48', since: period.since, until: period.until },
    });
    expect(contactIdFor(' A@B.dk ')).toBe(contactIdFor('a@b.dk'));
    expect(contactIdFor('a@b.dk')).toMatch(/^[\w-]{16}$/);
    expect(contactIdFor('c@b.dk')).not.toBe(contactIdFor('a@b.dk'));
  });
});
