import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { sendFollowUps } from '../../functions/domain/match-follow-ups.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { consentedBody, getJson, handoverItem, postJson, staffToken } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import {
  documentClient,
  getItem,
  linkIn,
  request,
  type StoredEmail,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { outboxItem, volunteerItem } from '../support/volunteer-items.ts';

/**
 * The coordinators' matching against the real local services: DynamoDB Local for every write and
 * its conditions, the outbox sender and the SES stand-in's store for every email, the gateway for
 * every page and link. Each test works in its own kommune so counts are its own.
 */

let caseworker: string;
let coordinator: string;
let secondCoordinator: string;
let coordinatorEmail: string;

const matchingKommuner = ['175', '183', '185', '187', '190', '147'];

const subOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sub as string;

beforeAll(async () => {
  caseworker = (await signIn('caseworker')).accessToken;
  coordinatorEmail = uniqueEmail('koordinator');
  coordinator = await staffToken({
    role: 'coordinator',
    kommuner: matchingKommuner,
    email: coordinatorEmail,
  });
  secondCoordinator = await staffToken({ role: 'coordinator', kommuner: matchingKommuner });
  // The sign-in page notes who a staff member is; these tokens came straight from Cognito.
  await staffDirectory(documentClient(), stack.tables.staff).remember(
    subOf(coordinator),
    coordinatorEmail,
    new Date(),
  );
});

const handover = async (overrides: Record<string, unknown> = {}) => {
  const body = consentedBody(overrides);
  const response = await postJson('/api/handovers', caseworker, body);
  expect(response.status).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, body };
};

const propose = (consentId: string, volunteerId: string, token = coordinator) =>
  postJson('/api/matches', token, { consentId, volunteerId });

const proposeOk = async (consentId: string, volunteerId: string) => {
  const response = await propose(consentId, volunteerId);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const matchItem = (id: string) => getItem(stack.tables.matches, { pk: `MATCH#${id}`, sk: 'MATCH' });
const kommuneCounters = async (code: string) =>
  (await getItem(stack.tables.kommuner, { pk: 'KOMMUNE', sk: code })) ?? {};

const proposalLink = async (volunteer: Volunteer) => {
  const [email] = await waitForEmails(volunteer.email);
  return { email: email as StoredEmail, link: linkIn(email as StoredEmail, 'http') };
};

describe('explained suggestions', () => {
  it('suggests only volunteers the hard rules allow, best first, with the reasons in Danish', async () => {
    const { id } = await handover({ receivingKommune: '183', newAddress: 'Vejlebrovej 1, 2635 Ishøj' });
    const best = await addConfirmedVolunteer({
      kommuneCode: '183',
      postalCode: '2635',
      kind: 'family',
      adults: 2,
      children: 1,
      gender: 'woman',
      languages: ['arabic'],
      helpWith: ['everyday-danish'],
    });
    const other = await addConfirmedVolunteer({
      kommuneCode: '183',
      postalCode: '2680',
      gender: 'man',
      languages: ['english'],
    });
    const excluded = await Promise.all([
      addConfirmedVolunteer({ kommuneCode: '175', languages: ['arabic'] }), // another kommune
      addConfirmedVolunteer({ kommuneCode: '183', languages: ['arabic'] }, { paused: true }),
      addConfirmedVolunteer({ kommuneCode: '183', languages: ['arabic'] }, { unconfirmed: true }),
      addConfirmedVolunteer({ kommuneCode: '183', languages: ['arabic'] }, { activeMatches: 1 }), // no place left
    ]);

    const response = await getJson(`/api/matching/refugees/${id}`, coordinator);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      suggestions: { volunteerId: string; score: number; reasons: { code: string; points: number }[] }[];
    };
    expect(body.suggestions.map((s) => s.volunteerId)).toEqual([best.id, other.id]);
    for (const v of excluded) expect(body.suggestions.map((s) => s.volunteerId)).not.toContain(v.id);
    const [top, second] = body.suggestions;
    expect(top?.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        'shared-language',
        'family-for-family',
        'gender-as-wished',
        'help-offered',
        'same-postal-code',
      ]),
    );
    expect(top?.score).toBe(top?.reasons.reduce((sum, r) => sum + r.points, 10));
    // A wish not met shows as a minus, it does not hide the volunteer: the coordinator decides.
    expect(second?.reasons.map((r) => r.code)).toContain('gender-not-as-wished');

    const page = await request(`/personale/matching/flygtning/${id}`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    const html = await page.text();
    expect(html).toContain('Fælles sprog: arabisk');
    expect(html).toContain('Venskabsfamilie til en familie');
    expect(html).toContain('Ønsker en kvinde som ven');
  });

  it("shows the coordinator what the consent allows: age, gender, Danish and English, the caseworker's note", async () => {
    const { id } = await handover({
      receivingKommune: '183',
      gender: 'woman',
      note: 'Kan bedst om formiddagen.',
    });
    const html = await (
      await request(`/personale/matching/flygtning/${id}`, {
        headers: { authorization: `Bearer ${coordinator}` },
      })
    ).text();
    expect(html).toContain('født 1990');
    expect(html).toContain('Kvinde');
    expect(html).toContain('Dansk / engelsk');
    expect(html).toContain('Kan bedst om formiddagen.');
  });
});

describe('proposing and answering', () => {
  it('proposes in one transaction; the volunteer accepts from the email; contact details go to the volunteer and the kommune is told', async () => {
    const before = await kommuneCounters('175');
    const { id, body } = await handover({
      receivingKommune: '175',
      newAddress: 'Rødovrevej 1, 2610 Rødovre',
    });
    const volunteer = await addConfirmedVolunteer({
      kommuneCode: '175',
      postalCode: '2610',
      languages: ['arabic'],
    });
    const afterHandover = await kommuneCounters('175');
    expect(Number(afterHandover.waitingRefugees ?? 0)).toBe(Number(before.waitingRefugees ?? 0) + 1);

    const matchId = await proposeOk(id, volunteer.id);
    expect(await handoverItem(id)).toMatchObject({ status: 'proposed', currentMatchId: matchId });
    expect((await handoverItem(id))?.kommuneStatus).toBeUndefined();
    expect(await volunteerItem(volunteer.id)).toMatchObject({
      activeMatches: 1,
      kommuneStatus: '175#unavailable',
    });
    const proposed = await kommuneCounters('175');
    expect(proposed.waitingRefugees).toBe(before.waitingRefugees ?? 0);
    // Capacity 1: the proposal takes the volunteer's only place, so they are no longer available.
    expect(proposed.availableVolunteers).toBe(Number(afterHandover.availableVolunteers) - 1);

    const { email, link } = await proposalLink(volunteer);
    // Only what the volunteer needs to decide: first name, household, languages, area, help wanted.
    expect(email.body.text).toContain('Fornavn: Amal');
    expect(email.body.text).toContain('Område: Rødovre (2610)');
    expect(email.body.text).not.toContain('Haddad');
    expect(email.body.text).not.toContain('2030');
    expect(email.body.text).not.toContain('Rødovrevej');

    const answered = await answerFromLink(link, 'accept');
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Tak for dit ja');
    expect(await matchItem(matchId)).toMatchObject({ status: 'active', kommuneStatus: '175#active' });
    expect(await handoverItem(id)).toMatchObject({ status: 'matched' });
    // The link is single-use.
    const used = new URL(link);
    expect((await request(`${used.pathname}${used.search}`)).status).toBe(410);

    const [, contact] = await waitForEmails(volunteer.email, 2);
    expect(contact?.body.text).toContain('Amal Haddad');
    expect(contact?.body.text).toContain('Telefon: 20 30 40 50');
    const kommuneEmails = await waitForEmails(body.kommuneCaseworkerEmail, 2);
    const told = kommuneEmails.find((e) => e.subject.includes('har fået en frivillig ven'));
    expect(told?.body.text).toContain(volunteer.name);
    expect(told?.body.text).toContain(volunteer.email);

    const month = new Date().toISOString().slice(0, 7);
    const figures = await getItem(stack.tables.kommuner, { pk: `FIGURES#${month}`, sk: '175' });
    expect(Number(figures?.matchesMade)).toBeGreaterThanOrEqual(1);
  });

  it('a no puts the refugee back on the waiting list, gives the volunteer the place back, and tells the coordinator', async () => {
    const { id } = await handover({ receivingKommune: '175' });
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '175' });
    const matchId = await proposeOk(id, volunteer.id);
    const { link } = await proposalLink(volunteer);
    const answered = await answerFromLink(link, 'decline');
    expect(await answered.text()).toContain('Tak for dit svar');

    expect(await matchItem(matchId)).toMatchObject({ status: 'declined' });
    expect(await handoverItem(id)).toMatchObject({ status: 'waiting', kommuneStatus: '175#waiting' });
    expect(await volunteerItem(volunteer.id)).toMatchObject({
      activeMatches: 0,
      kommuneStatus: '175#available',
    });
    const told = (await waitForEmails(coordinatorEmail)).find((e) => e.body.text?.includes(id));
    expect(told?.subject).toContain('Forslaget blev afslået');
    // The refugee can be proposed again: a second round, a new match.
    const again = await proposeOk(id, volunteer.id);
    expect(again).not.toBe(matchId);
  });

  it('refuses a volunteer the hard rules forbid, and a refugee who no longer waits, in Danish', async () => {
    const { id } = await handover({ receivingKommune: '185' });
    const elsewhere = await addConfirmedVolunteer({ kommuneCode: '175' });
    const refused = await propose(id, elsewhere.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain('ikke længere en ledig plads');
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '185' });
    await proposeOk(id, volunteer.id);
    const again = await propose(id, (await addConfirmedVolunteer({ kommuneCode: '185' })).id);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toContain('venter ikke længere');
  });
});

describe('matching safely', () => {
  it('two coordinators proposing for the same refugee at once: exactly one wins, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await handover({ receivingKommune: '187' });
      const [a, b] = await Promise.all([
        addConfirmedVolunteer({ kommuneCode: '187' }),
        addConfirmedVolunteer({ kommuneCode: '187' }),
      ]);
      const responses = await Promise.all([
        propose(id, a.id, coordinator),
        propose(id, b.id, secondCoordinator),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = responses.find((r) => r.status === 409) as Response;
      expect(((await loser.json()) as { message: string }).message).toContain('venter ikke længere');
      const { Items = [] } = await documentClient().send(
        new QueryCommand({
          TableName: stack.tables.matches,
          IndexName: 'by-consent',
          KeyConditionExpression: 'consentId = :id',
          ExpressionAttributeValues: { ':id': id },
        }),
      );
      expect(Items).toHaveLength(1);
      const places = [(await volunteerItem(a.id))?.activeMatches, (await volunteerItem(b.id))?.activeMatches];
      expect(places.sort()).toEqual([0, 1]);
    }
  });

  it('two coordinators taking the last place of a volunteer at once: exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const [first, second] = await Promise.all([
        handover({ receivingKommune: '187' }),
        handover({ receivingKommune: '187' }),
      ]);
      const volunteer = await addConfirmedVolunteer({ kommuneCode: '187' });
      const responses = await Promise.all([
        propose(first.id, volunteer.id, coordinator),
        propose(second.id, volunteer.id, secondCoordinator),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = responses.find((r) => r.status === 409) as Response;
      expect(((await loser.json()) as { message: string }).message).toContain('ledig plads');
      expect(await volunteerItem(volunteer.id)).toMatchObject({ activeMatches: 1 });
      const statuses = [(await handoverItem(first.id))?.status, (await handoverItem(second.id))?.status];
      expect(statuses.sort()).toEqual(['proposed', 'waiting']);
    }
  });

  it('flags possible duplicates before any match: the same phone, or the same name, birth year and kommune', async () => {
    const phone = `2${String(Date.now()).slice(-7)}`;
    const original = await handover({
      receivingKommune: '190',
      phone,
      name: 'Yonas Tesfaye',
      birthYear: 1995,
    });
    const samePhone = await handover({ receivingKommune: '175', phone, name: 'Y. Tesfay', birthYear: 1994 });
    const sameName = await handover({
      receivingKommune: '190',
      phone: '31313131',
      name: 'yonas  tesfaye',
      birthYear: 1995,
    });
    const unrelated = await handover({
      receivingKommune: '190',
      phone: '41414141',
      name: 'Yonas Tesfaye',
      birthYear: 1980,
    });
    const body = (await (await getJson(`/api/matching/refugees/${original.id}`, coordinator)).json()) as {
      duplicates: { id: string }[];
    };
    expect(body.duplicates.map((d) => d.id).sort()).toEqual([samePhone.id, sameName.id].sort());
    expect(body.duplicates.map((d) => d.id)).not.toContain(unrelated.id);
    const page = await request(`/personale/matching/flygtning/${original.id}`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    const html = await page.text();
    expect(html).toContain('Mulig dublet');
    // Each duplicate the coordinator may open is a link to it.
    expect(html).toContain(`href="/personale/matching/flygtning/${sameName.id}"`);
    // A withdrawn record holds no details any more, so it is no duplicate either.
    await postJson(`/api/handovers/${samePhone.id}/withdrawal`, caseworker, { requestedVia: 'phone' });
    const after = (await (await getJson(`/api/matching/refugees/${original.id}`, coordinator)).json()) as {
      duplicates: { id: string }[];
    };
    expect(after.duplicates.map((d) => d.id)).toEqual([sameName.id]);
  });

  it("never shows a coordinator another kommune's refugees, plan or lists", async () => {
    const { id } = await handover({ receivingKommune: '175' });
    const elsewhere = await staffToken({ role: 'coordinator', kommuner: ['851'] });
    expect((await getJson(`/api/matching/refugees/${id}`, elsewhere)).status).toBe(404);
    expect((await getJson('/api/matching/kommuner/175', elsewhere)).status).toBe(404);
    expect((await getJson('/api/matching/kommuner/175/plan', elsewhere)).status).toBe(404);
    expect((await getJson('/personale/matching/eksport?kommune=175', elsewhere)).status).toBe(404);
    const own = (await (await getJson('/api/matching/kommuner/851', elsewhere)).json()) as {
      waiting: { id: string }[];
    };
    expect(own.waiting.map((r) => r.id)).not.toContain(id);
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '175' });
    expect((await propose(id, volunteer.id, elsewhere)).status).toBe(404);
  });
});

describe('the match lifecycle', () => {
  const accepted = async (kommuneCode: string) => {
    const { id } = await handover({ receivingKommune: kommuneCode });
    const volunteer = await addConfirmedVolunteer({ kommuneCode });
    const matchId = await proposeOk(id, volunteer.id);
    await answerFromLink((await proposalLink(volunteer)).link, 'accept');
    return { id, volunteer, matchId };
  };
  const act = (matchId: string, body: unknown) =>
    postJson(`/api/matches/${matchId}/actions`, coordinator, body);

  it('pause, resume, end with a reason and re-match: each step is one write, and audited', async () => {
    const { id, volunteer, matchId } = await accepted('147');
    expect((await act(matchId, { action: 'pause' })).status).toBe(200);
    expect(await matchItem(matchId)).toMatchObject({ status: 'paused' });
    expect((await act(matchId, { action: 'resume' })).status).toBe(200);
    const ended = await act(matchId, {
      action: 'end',
      planned: false,
      endedBy: 'volunteer',
      reason: 'moved',
      rematch: true,
    });
    expect(ended.status).toBe(200);
    expect(await matchItem(matchId)).toMatchObject({
      status: 'ended',
      endReason: 'moved',
      closure: { planned: false, endedBy: 'volunteer', reason: 'moved', refugeeWantsNewFriend: true },
    });
    expect(await handoverItem(id)).toMatchObject({ status: 'waiting', kommuneStatus: '147#waiting' });
    // The place is free, but nobody proposes them again before they answer the exit survey.
    expect(await volunteerItem(volunteer.id)).toMatchObject({
      activeMatches: 0,
      ready: false,
      kommuneStatus: '147#unavailable',
    });
    // Not possible any more, and said so.
    const again = await act(matchId, { action: 'pause' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toContain('afsluttet');
    const bad = await act(matchId, { action: 'end', planned: true, endedBy: 'refugee', reason: 'bored' });
    expect(bad.status).toBe(400);
    // A reason from the other party's list is no reason either ("no time" is the volunteer's).
    const other = await act(matchId, { action: 'end', planned: true, endedBy: 'refugee', reason: 'no-time' });
    expect(other.status).toBe(400);

    const admin = (await signIn('admin')).accessToken;
    const audit = (await (await getJson(`/api/handovers/${id}/audit`, admin)).json()) as {
      entries: { action: string; fields?: string[] }[];
    };
    expect(audit.entries.filter((e) => e.action === 'match').map((e) => e.fields?.[0])).toEqual([
      'proposed',
      'pause',
      'resume',
      'end:volunteer:moved:rematch',
    ]);
  });

  it('check-ins at 6 weeks and 6 months go out once each; the answer reaches the coordinator', async () => {
    const { volunteer, matchId } = await accepted('147');
    const matches = matchesRepository(documentClient(), {
      matches: stack.tables.matches,
      kommuner: stack.tables.kommuner,
      outbox: stack.tables.outbox,
      consents: stack.tables.consents,
      volunteers: stack.tables.volunteers,
      tasks: stack.tables.tasks,
    });
    const activeSince = Date.parse(String((await matchItem(matchId))?.activeSince));
    const at = (days: number) => () => new Date(activeSince + days * 24 * 3600 * 1000);
    // Three runs, as EventBridge retries may: one email.
    for (let run = 0; run < 3; run++) await sendFollowUps({ matches, now: at(43) }, ['147']);
    expect(await outboxItem(`match-follow-up#${matchId}#6-weeks`)).toBeDefined();
    const emails = await waitForEmails(volunteer.email, 3);
    const followUp = emails.find((e) => e.subject.includes('seks uger'));
    expect(emails.filter((e) => e.subject.includes('seks uger'))).toHaveLength(1);
    // The first link is the first answer, "we meet regularly".
    const link = new URL(linkIn(followUp as StoredEmail, 'http'));
    expect(link.pathname).toBe('/ven/opfoelgning');
    const page = await request(`${link.pathname}${link.search}`);
    expect(await page.text()).toContain('Vi ses jævnligt');
    const answered = await request('/ven/opfoelgning', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: link.searchParams.toString(),
    });
    expect(await answered.text()).toContain('Tak for dit svar');
    expect((await matchItem(matchId))?.followUps).toMatchObject({
      '6-weeks': { answer: 'meeting-regularly' },
    });
    const matchPage = await request(`/personale/matching/match/${matchId}`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    expect(await matchPage.text()).toContain('Vi ses jævnligt');

    const sixMonths = new Date(activeSince + 183 * 24 * 3600 * 1000);
    await sendFollowUps({ matches, now: () => sixMonths }, ['147']);
    await sendFollowUps({ matches, now: () => sixMonths }, ['147']);
    const month = sixMonths.toISOString().slice(0, 7);
    const figures = await documentClient().send(
      new GetCommand({ TableName: stack.tables.kommuner, Key: { pk: `FIGURES#${month}`, sk: '147' } }),
    );
    expect(figures.Item?.reachedSixMonths).toBe(1);
    expect(
      (await waitForEmails(volunteer.email, 4)).filter((e) => e.subject.includes('et halvt år')),
    ).toHaveLength(1);
  });
});

describe('the overview, the plan and the exports', () => {
  it('lists the waiting (longest wait first), the available volunteers, the gap, and plans within every capacity', async () => {
    const first = await handover({ receivingKommune: '190', phone: '51515151' });
    const second = await handover({
      receivingKommune: '190',
      phone: '52525252',
      household: 'alone',
      childrenAges: [],
    });
    const roomy = await addConfirmedVolunteer({ kommuneCode: '190', capacity: 2, languages: ['arabic'] });
    const overview = (await (await getJson('/api/matching/kommuner/190', coordinator)).json()) as {
      waiting: { id: string; daysWaiting: number }[];
      available: { id: string }[];
      gap: number;
    };
    const order = overview.waiting.map((r) => r.id);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    expect(overview.available.map((v) => v.id)).toContain(roomy.id);
    expect(overview.gap).toBe(Math.max(0, overview.waiting.length - overview.available.length));

    const plan = (await (await getJson('/api/matching/kommuner/190/plan', coordinator)).json()) as {
      pairs: { consentId: string; volunteerId: string; score: number }[];
      total: number;
    };
    const perVolunteer = new Map<string, number>();
    for (const pair of plan.pairs)
      perVolunteer.set(pair.volunteerId, (perVolunteer.get(pair.volunteerId) ?? 0) + 1);
    expect(perVolunteer.get(roomy.id) ?? 0).toBeLessThanOrEqual(2);
    expect(plan.total).toBe(plan.pairs.reduce((sum, p) => sum + p.score, 0));
    expect(new Set(plan.pairs.map((p) => p.consentId)).size).toBe(plan.pairs.length);
  });

  it('exports the waiting list for Excel: semicolons, UTF-8 with BOM, Danish dates', async () => {
    const { id } = await handover({
      receivingKommune: '185',
      name: 'Zaid Øberg',
      expectedMovingDate: '2026-12-01',
    });
    const response = await getJson('/personale/matching/eksport?kommune=185&liste=venteliste', coordinator);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('venner-venteliste-185.csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header).toBe('Reference;Navn;Telefon;Kommune;Ankomst;Dage på ventelisten;Husstand;Sprog');
    const row = rows.find((r) => r.includes('Zaid Øberg'));
    expect(row).toContain(`${id.slice(0, 8).toUpperCase()};Zaid Øberg;+4520304050;Tårnby;01-12-2026;`);
  });
});
