import { beforeAll, describe, expect, it } from 'vitest';
import { figuresPorts } from '../../functions/adapters/figures-ports.ts';
import { copenhagenMonth } from '../../functions/domain/danish-time.ts';
import { daysFromArrival } from '../../functions/domain/match.ts';
import {
  defaultPeriod,
  FiguresAreaError,
  type FiguresDeps,
  FiguresPeriodError,
  type MonthAggregates,
  median,
  monthsBetween,
  recruitmentOf,
  secretariatFigures,
} from '../../functions/domain/secretariat-figures.ts';
import { confirm, newVolunteer } from '../../functions/domain/volunteer.ts';
import { volunteerSignupSchema } from '../../shared/volunteer-contract.ts';
import { signUpAndConfirm } from '../support/confirmed-volunteer.ts';
import { consentedBody, getJson, postJson, staffToken } from '../support/handover-fixture.ts';
import { answerFromLink, markReady } from '../support/matching-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  documentClient,
  getItem,
  linkIn,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';

/**
 * The secretariat's figures: the monthly aggregates written by handovers, confirmations and
 * matches (against DynamoDB Local through the gateway), their roll-up per kommune, region and
 * country, the coordinator's scope, the CSV and the page; and the pure aggregation rules.
 */

const kommune = (code: string, regionCode: string) => ({
  code,
  name: `Kommune ${code}`,
  regionCode,
  region: `Region ${regionCode}`,
  availableVolunteers: 0,
  waitingRefugees: 0,
  confirmedVolunteers: 0,
  volunteersLeft: 0,
  listedVolunteers: 0,
});

describe('figures rules', () => {
  it('takes the median of the days, the mean of the middle two for an even count', () => {
    expect(median([])).toBeUndefined();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 4, 30])).toBe(7);
  });

  it('counts months in Denmark: just after midnight on 1 December is December', () => {
    expect(copenhagenMonth(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12');
    expect(copenhagenMonth(new Date('2026-11-30T22:30:00Z'))).toBe('2026-11');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(defaultPeriod(new Date('2026-11-21T10:00:00Z'))).toEqual({ from: '2025-12', to: '2026-11' });
    expect(defaultPeriod(new Date('2026-12-21T10:00:00Z'))).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('counts a volunteer under their campaign once, when they confirm', () => {
    const input = volunteerSignupSchema.parse(
      signupBody('a@example.dk', { utmSource: 'facebook', utmCampaign: 'uge-47', heardFrom: 'news' }),
    );
    const signedUp = newVolunteer(input, new Date('2026-11-20T10:00:00Z'));
    const confirmed = confirm(signedUp, new Date('2026-11-20T11:00:00Z'));
    expect(recruitmentOf(signedUp, confirmed, new Date('2026-11-20T11:00:00Z'))).toEqual({
      month: '2026-11',
      kommuneCode: '751',
      source: { channel: 'campaign', source: 'facebook', campaign: 'uge-47' },
    });
    expect(recruitmentOf(confirmed, { ...confirmed, paused: true }, new Date())).toBeUndefined();
    const untagged = newVolunteer(
      volunteerSignupSchema.parse(signupBody('b@example.dk', { heardFrom: 'news' })),
      new Date(),
    );
    expect(recruitmentOf(untagged, confirm(untagged, new Date()), new Date())?.source).toEqual({
      channel: 'heard-from',
      source: 'news',
    });
  });

  const months: Record<string, MonthAggregates> = {
    '2026-10': {
      handovers: [
        {
          month: '2026-10',
          centreId: 'a',
          kommuneCode: '101',
          declined: 1,
          consented: 3,
          wantsFriend: 2,
          withdrawn: 0,
        },
        {
          month: '2026-10',
          centreId: 'b',
          kommuneCode: '101',
          declined: 0,
          consented: 1,
          wantsFriend: 1,
          withdrawn: 1,
        },
        {
          month: '2026-10',
          centreId: 'a',
          kommuneCode: '751',
          declined: 2,
          consented: 2,
          wantsFriend: 0,
          withdrawn: 0,
        },
      ],
      matches: [
        { month: '2026-10', kommuneCode: '101', matchesMade: 2, daysToMatch: [4, 10], reachedSixMonths: 1 },
      ],
      recruited: [
        {
          month: '2026-10',
          kommuneCode: '101',
          channel: 'campaign',
          source: 'facebook',
          campaign: 'uge-40',
          count: 3,
        },
        { month: '2026-10', kommuneCode: '751', channel: 'heard-from', source: 'news', count: 2 },
      ],
    },
    '2026-11': {
      handovers: [],
      matches: [
        { month: '2026-11', kommuneCode: '101', matchesMade: 1, daysToMatch: [30], reachedSixMonths: 0 },
        { month: '2026-11', kommuneCode: '751', matchesMade: 1, daysToMatch: [1], reachedSixMonths: 0 },
      ],
      recruited: [
        {
          month: '2026-11',
          kommuneCode: '101',
          channel: 'campaign',
          source: 'facebook',
          campaign: 'uge-40',
          count: 1,
        },
      ],
    },
  };
  const asked: string[] = [];
  const deps: FiguresDeps = {
    month: async (month) => {
      asked.push(month);
      return months[month] ?? { handovers: [], matches: [], recruited: [] };
    },
    kommuner: async () => [
      { ...kommune('101', '1084'), waitingRefugees: 5, availableVolunteers: 2 },
      { ...kommune('147', '1084'), waitingRefugees: 1, availableVolunteers: 4 },
      { ...kommune('751', '1082'), waitingRefugees: 3, availableVolunteers: 0 },
    ],
    now: () => new Date('2026-11-21T10:00:00Z'),
  };
  const admin = { roles: ['admin'], kommuner: [] };

  it('rolls the months up for the whole country, by region, with the median over every match', async () => {
    const figures = await secretariatFigures(deps, admin, {
      area: { kind: 'all' },
      from: '2026-10',
      to: '2026-11',
    });
    expect(figures.total).toEqual({
      handovers: 9,
      consented: 6,
      wantedFriend: 3,
      shareWantedFriend: 3 / 9,
      withdrawn: 1,
      matchesMade: 4,
      medianDaysToMatch: 7,
      reachedSixMonths: 1,
      recruited: 6,
      endedEarly: 0,
      endedAfterSixMonths: 0,
      shareReachedSixMonths: 1,
      earlyClosureRate: 0,
      earlyReasons: {},
      checkInAnswers: {},
    });
    expect(figures.missingNow).toBe(6);
    expect(figures.byMonth.map((m) => [m.month, m.figures.matchesMade, m.figures.medianDaysToMatch])).toEqual(
      [
        ['2026-10', 2, 7],
        ['2026-11', 2, 16],
      ],
    );
    expect(
      figures.byArea.map((a) => [a.code, a.figures.handovers, a.figures.matchesMade, a.missingNow]),
    ).toEqual([
      ['1082', 4, 1, 3],
      ['1084', 5, 3, 3],
    ]);
    expect(figures.sources).toEqual([
      { source: { channel: 'campaign', source: 'facebook', campaign: 'uge-40' }, count: 4 },
      { source: { channel: 'heard-from', source: 'news' }, count: 2 },
    ]);
    expect(asked.sort()).toEqual(['2026-10', '2026-11']);
  });

  it('breaks a region down into its kommuner, and shows one kommune alone', async () => {
    const region = await secretariatFigures(deps, admin, {
      area: { kind: 'region', code: '1084' },
      from: '2026-10',
      to: '2026-11',
    });
    expect(region.areaName).toBe('Region 1084');
    expect(region.byArea.map((a) => [a.code, a.figures.matchesMade, a.missingNow])).toEqual([
      ['101', 3, 3],
      ['147', 0, 0],
    ]);
    const one = await secretariatFigures(deps, admin, {
      area: { kind: 'kommune', code: '751' },
      from: '2026-11',
      to: '2026-11',
    });
    expect(one.total).toMatchObject({ handovers: 0, matchesMade: 1, medianDaysToMatch: 1, recruited: 0 });
    expect(one.total.shareWantedFriend).toBeUndefined();
    expect(one.byArea).toEqual([]);
  });

  it("limits a coordinator to their kommuner: 'all' is theirs, another kommune does not exist for them", async () => {
    const coordinator = { roles: ['coordinator'], kommuner: ['751'] };
    const mine = await secretariatFigures(deps, coordinator, {
      area: { kind: 'all' },
      from: '2026-10',
      to: '2026-11',
    });
    expect(mine.areaName).toBe('Mine kommuner');
    expect(mine.total).toMatchObject({ handovers: 4, matchesMade: 1, recruited: 2 });
    expect(mine.sources).toEqual([{ source: { channel: 'heard-from', source: 'news' }, count: 2 }]);
    expect(mine.byMonthAndKommune.every((row) => row.kommuneCode === '751')).toBe(true);
    // The map's figures now: their kommune only.
    expect(mine.byKommuneNow.map((k) => k.code)).toEqual(['751']);
    await expect(
      secretariatFigures(deps, coordinator, {
        area: { kind: 'kommune', code: '101' },
        from: '2026-10',
        to: '2026-11',
      }),
    ).rejects.toBeInstanceOf(FiguresAreaError);
    await expect(
      secretariatFigures(deps, coordinator, {
        area: { kind: 'region', code: '1084' },
        from: '2026-10',
        to: '2026-11',
      }),
    ).rejects.toBeInstanceOf(FiguresAreaError);
  });

  it('refuses a period that runs backwards or is longer than three years', async () => {
    await expect(
      secretariatFigures(deps, admin, { area: { kind: 'all' }, from: '2026-11', to: '2026-10' }),
    ).rejects.toBeInstanceOf(FiguresPeriodError);
    await expect(
      secretariatFigures(deps, admin, { area: { kind: 'all' }, from: '2020-01', to: '2026-10' }),
    ).rejects.toThrow('højst 36 måneder');
  });
});

// --- Against the local services ------------------------------------------------------------------

let caseworker: string;
let admin: string;
let coordinator: string;
const today = new Date();
const thisMonth = copenhagenMonth(today);
const interviewDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(today);

beforeAll(async () => {
  caseworker = (await signIn('caseworker')).accessToken;
  admin = (await signIn('admin')).accessToken;
  coordinator = await staffToken({ role: 'coordinator', kommuner: ['360'] });
});

interface ApiFigures {
  total: Record<string, number>;
  missingNow: number;
  byMonth: { month: string; figures: Record<string, number> }[];
  byArea: { code: string; figures: Record<string, number>; missingNow: number }[];
  sources: { source: Record<string, string>; count: number }[];
}

const figuresOf = async (token: string, query: string) => {
  const response = await getJson(`/api/figures?${query}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as ApiFigures;
};

/** Signs a volunteer up from a campaign link and confirms them from the emailed link. */
const recruitFromCampaign = async (kommuneCode: string, utmCampaign: string) => {
  const { id } = await signUpAndConfirm(uniqueEmail('kampagne'), {
    kommuneCode,
    postalCode: '4900',
    utmSource: 'facebook',
    utmCampaign,
  });
  // Introduced and screened by their coordinator, so they can be matched.
  await markReady(id);
  return id;
};

describe('figures for the secretariat, end to end', () => {
  it('counts handovers, who wanted a friend, recruitment per campaign and matches, per kommune and region', async () => {
    const lolland = 'area=kommune-360';
    const before = await figuresOf(admin, lolland);

    const handover = async (overrides: Record<string, unknown>) => {
      const response = await postJson(
        '/api/handovers',
        caseworker,
        consentedBody({
          receivingKommune: '360',
          interviewDate,
          newAddress: 'Havnegade 1, 4900 Nakskov',
          ...overrides,
        }),
      );
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const waiting = await handover({});
    await handover({ shareWithVolunteers: false });
    const declined = await postJson('/api/handovers', caseworker, {
      submissionKey: crypto.randomUUID(),
      centreId: 'sandholm',
      interviewDate,
      receivingKommune: '360',
      wantsContact: false,
    });
    expect(declined.status).toBe(201);

    const volunteerId = await recruitFromCampaign('360', 'lolland-efteraar');
    const proposed = await postJson('/api/matches', admin, { consentId: waiting, volunteerId });
    expect(proposed.status).toBe(201);
    const matchId = ((await proposed.json()) as { id: string }).id;
    const volunteer = (await getItem(stack.tables.volunteers, {
      pk: `VOLUNTEER#${volunteerId}`,
      sk: 'PROFILE',
    })) as { email: string };
    const emails = await waitForEmails(volunteer.email, 2);
    const proposal = emails.find((mail) => mail.body.text?.includes('/ven/forslag?'));
    const accepted = await answerFromLink(
      linkIn(proposal as never, `${stack.gatewayUrl}/ven/forslag?`),
      'accept',
    );
    expect(accepted.status).toBe(200);
    const match = (await getItem(stack.tables.matches, { pk: `MATCH#${matchId}`, sk: 'MATCH' })) as {
      arrivalDate: string;
      activeSince: string;
    };

    const after = await figuresOf(admin, lolland);
    const delta = (name: string) => (after.total[name] ?? 0) - (before.total[name] ?? 0);
    expect(delta('handovers')).toBe(3);
    expect(delta('consented')).toBe(2);
    expect(delta('wantedFriend')).toBe(1);
    expect(delta('matchesMade')).toBe(1);
    expect(delta('recruited')).toBe(1);
    expect(after.total.medianDaysToMatch).toBe(daysFromArrival(match, new Date(match.activeSince)));
    expect(after.byMonth.at(-1)?.month).toBe(thisMonth);
    expect(after.byMonth.at(-1)?.figures.matchesMade).toBe(after.total.matchesMade);
    expect(after.sources).toContainEqual({
      source: { channel: 'campaign', source: 'facebook', campaign: 'lolland-efteraar' },
      count: 1,
    });

    // The region shows Lolland among its kommuner; the country shows the region.
    const region = await figuresOf(admin, 'area=region-1085');
    expect(region.byArea.find((a) => a.code === '360')?.figures).toEqual(after.total);
    const country = await figuresOf(admin, 'area=all');
    expect(country.byArea.find((a) => a.code === '1085')?.figures.matchesMade).toBeGreaterThanOrEqual(
      after.total.matchesMade ?? 0,
    );

    // A coordinator of Lolland sees the same for "all" (their one kommune), and nothing elsewhere.
    const mine = await figuresOf(coordinator, 'area=all');
    expect(mine.total).toEqual(after.total);
    const elsewhere = await getJson('/api/figures?area=kommune-101', coordinator);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toEqual({
      message: 'Området findes ikke, eller du har ikke adgang til dets tal.',
    });

    // CSV for Excel: the month's Lolland row, and the recruitment per source.
    const csv = await getJson(
      `/personale/tal/eksport?omraade=kommune-360&fra=${thisMonth}&til=${thisMonth}`,
      coordinator,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads æøå
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Måned;Kommunekode;Kommune;Overdragelser;')).toBe(true);
    const row = text.split('\r\n').find((line) => line.startsWith(`${thisMonth};360;Lolland;`));
    expect(row?.split(';').slice(3, 6)).toEqual([
      String(after.total.handovers),
      String(after.total.consented),
      String(after.total.wantedFriend),
    ]);
    const sources = await (
      await getJson(`/personale/tal/eksport?omraade=kommune-360&type=sources`, coordinator)
    ).text();
    expect(sources).toContain(`${thisMonth};360;Lolland;Kampagnelink;facebook;lolland-efteraar;1`);
  });

  it('reads a fixed number of Queries per month, never a Scan, whatever the data', async () => {
    const db = documentClient();
    const commands: string[] = [];
    db.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName as string);
        return next(args);
      },
      { step: 'initialize' },
    );
    const deps = figuresPorts(
      { TABLE_CONSENTS: stack.tables.consents, TABLE_KOMMUNER: stack.tables.kommuner },
      db,
    );
    await secretariatFigures(
      deps,
      { roles: ['admin'], kommuner: [] },
      { area: { kind: 'all' }, from: '2025-12', to: thisMonth },
    );
    const months = monthsBetween('2025-12', thisMonth).length;
    expect(commands.filter((c) => c !== 'QueryCommand')).toEqual([]);
    expect(commands).toHaveLength(3 * months + 1);
  });

  it('shows the page with a chart and tables, and a bad month as a Danish message on its field', async () => {
    const response = await getJson('/personale/tal?omraade=region-1085', admin);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<h1>Tal for programmet</h1>');
    expect(page).toContain('Overdragelser og match pr. måned');
    expect(page).toContain('<caption>Pr. område i perioden</caption>');
    expect(page).toContain('Lolland');
    expect(page).toContain('Kampagnelink: facebook / lolland-efteraar');
    // The map of the gap: Region Sjælland's 17 kommuner with their exact figures, each a link to
    // its own figures; the other 81 drawn faint, without figures or links.
    const linked = [
      ...page.matchAll(/<a href="\/personale\/tal\?omraade=kommune-(\d+)[^"]*" aria-label="([^"]+)">/g),
    ];
    expect(linked).toHaveLength(17);
    expect(linked.find(([, code]) => code === '360')?.[2]).toMatch(
      /^Lolland: \d+ venter på en ven, \d+ ledige? frivillige?, mangler \d+$/,
    );
    expect((page.match(/: uden for området</g) ?? []).length).toBe(81);
    const bad = await getJson('/personale/tal?fra=2026-13&til=nov', admin);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('Skriv måneden som ÅÅÅÅ-MM, fx 2026-01.');
    expect(badPage).toContain('href="#field-from"');
    expect(badPage).toContain('value="2026-13"');

    const caseworkerPage = await getJson('/personale/tal', caseworker);
    expect(caseworkerPage.status).toBe(403);
  });

  it('answers the JSON API with 400 and a message per field for a bad question', async () => {
    const response = await getJson('/api/figures?from=2026-1&area=kommune-1', admin);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual([
      { field: 'area', message: 'Vælg et område fra listen.' },
      { field: 'from', message: 'Skriv måneden som ÅÅÅÅ-MM, fx 2026-01.' },
    ]);
    const backwards = await getJson('/api/figures?from=2026-11&to=2026-01', admin);
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { errors: unknown[] }).errors).toEqual([
      { field: 'from', message: 'Perioden skal starte før den slutter.' },
    ]);
  });
});
