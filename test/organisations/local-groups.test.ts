import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestSources } from '../../functions/adapters/digest-sources.ts';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { outboxRepository } from '../../functions/adapters/outbox-repository.ts';
import { copenhagenMidnight, isoWeekOf } from '../../functions/domain/danish-time.ts';
import { referenceOf } from '../../functions/domain/handover-reference.ts';
import { writeWeeklyDigests } from '../../functions/domain/kommune-digest.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';
import { signUpAndConfirm } from '../support/confirmed-volunteer.ts';
import { addGroup, addOrganisation } from '../support/groups-fixture.ts';
import {
  consentedBody,
  correctHandover,
  postJson,
  recordHandover,
  staffToken,
} from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import {
  documentClient,
  linkIn,
  request,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { postForm } from '../support/staff.ts';
import { kommuneItem, volunteerItem } from '../support/volunteer-items.ts';

/**
 * Two organisations, three local groups, two kommuner with overlapping coverage, against the real
 * local services: who sees whose volunteers (pages, JSON, CSV), shared demand, a request for
 * another group's volunteer (declined, then accepted), two groups racing for one refugee, the
 * digest naming the groups, and a coordinator's kommuner following their groups.
 *
 *   Fredericia (607): A1 (organisation A) and B1 (organisation B)
 *   Kolding (621):    A2 (organisation A) and B1
 */

const db = documentClient();
const run = randomUUID().slice(0, 6);
const id = (name: string) => `${name}-${run}`;
// Kommuner no other test uses: a sign-up elsewhere would join these groups (the best fit).
const K1 = '607';
const K2 = '621';

type Coordinator = 'A1' | 'A2' | 'B1' | 'K1 without a group' | 'admin';
const tokens = {} as Record<Coordinator, string>;
const volunteers = {} as Record<'of A1' | 'of B1' | 'not assigned' | 'of A2', Volunteer>;
let caseworker: string;

/** A waiting refugee in a kommune, with no children (every volunteer is ready for them). */
const handover = (kommune: string, name: string) =>
  recordHandover(caseworker, { receivingKommune: kommune, name, childrenAges: [] });

const get = (path: string, who: Coordinator) =>
  request(path, { headers: { authorization: `Bearer ${tokens[who]}` } });

beforeAll(async () => {
  caseworker = (await signIn('caseworker')).accessToken;
  tokens.admin = (await signIn('admin')).accessToken;
  await addOrganisation({ id: id('org-a'), name: `Organisation A ${run}`, readiness: 'red-cross' });
  await addOrganisation({
    id: id('org-b'),
    name: `Organisation B ${run}`,
    readiness: 'danish-refugee-council',
  });
  await addGroup({
    id: id('a1'),
    organisationId: id('org-a'),
    name: `A1 Fredericia ${run}`,
    kommuner: [K1],
    active: true,
  });
  await addGroup({
    id: id('a2'),
    organisationId: id('org-a'),
    name: `A2 Kolding ${run}`,
    kommuner: [K2],
    active: true,
  });
  await addGroup({
    id: id('b1'),
    organisationId: id('org-b'),
    name: `B1 Nordsjælland ${run}`,
    kommuner: [K1, K2],
    active: true,
    phone: '20304050',
    offers: ['friends', 'language-cafe'],
  });
  tokens.A1 = await staffToken({ role: 'coordinator', groups: [id('a1')] });
  tokens.A2 = await staffToken({ role: 'coordinator', groups: [id('a2')] });
  tokens.B1 = await staffToken({ role: 'coordinator', groups: [id('b1')] });
  tokens['K1 without a group'] = await staffToken({ role: 'coordinator', kommuner: [K1] });
  const at = (kommune: string, name: string, groupId?: string) =>
    addConfirmedVolunteer(
      { kommuneCode: kommune, postalCode: kommune === K1 ? '7000' : '6000', name },
      groupId ? { groupId } : {},
    );
  volunteers['of A1'] = await at(K1, `Anna A1 ${run}`, id('a1'));
  volunteers['of B1'] = await at(K1, `Bent B1 ${run}`, id('b1'));
  volunteers['not assigned'] = await at(K1, `Uma Utildelt ${run}`);
  volunteers['of A2'] = await at(K2, `Alma A2 ${run}`, id('a2'));
});

describe('organisation × group × role', () => {
  const sees: Record<keyof typeof volunteers, readonly Coordinator[]> = {
    'of A1': ['A1', 'admin'],
    'of B1': ['B1', 'admin'],
    // Not yet assigned: every coordinator whose groups (or own kommuner) cover the kommune.
    'not assigned': ['A1', 'B1', 'K1 without a group', 'admin'],
    'of A2': ['A2', 'admin'],
  };
  const everyone: Coordinator[] = ['A1', 'A2', 'B1', 'K1 without a group', 'admin'];
  const staffRoutes = (routes as readonly RouteDefinition[]).filter((r) => r.access !== 'public');

  /** Every staff route of the route table about one volunteer (page, readiness, move, …). */
  const volunteerRoutes = staffRoutes.filter((r) => r.path.includes('/frivillige/{id}'));
  /** A request as a browser or an API client sends it: an empty form or body for a change. */
  const send = (route: RouteDefinition, who: Coordinator, recordId: string) => {
    const path = route.path.replace('{id}', recordId);
    if (route.method === 'GET') return get(path, who);
    return path.startsWith('/api/')
      ? postJson(path, tokens[who], {})
      : postForm(path, {}, { token: tokens[who] });
  };

  it("answers another group's volunteer 404, like one who does not exist, on every volunteer route", async () => {
    expect(volunteerRoutes.length).toBeGreaterThanOrEqual(3);
    for (const route of volunteerRoutes)
      for (const [which, volunteer] of Object.entries(volunteers) as [keyof typeof volunteers, Volunteer][])
        for (const who of everyone) {
          const allowed = sees[which].includes(who);
          const response = await send(route, who, volunteer.id);
          // A change answers 404 before it reads anything it was sent (an empty form: 400 when allowed).
          expect(response.status, `${route.method} ${route.path}: ${who}, the volunteer ${which}`).toBe(
            allowed ? (route.method === 'GET' ? 200 : 400) : 404,
          );
          const body = await response.text();
          if (!allowed) expect(body).not.toContain(volunteer.name);
          else if (route.method === 'GET') expect(body).toContain(volunteer.name);
        }
  });

  it("lists, searches and suggests only the volunteers a coordinator sees; the rest as another group's counts", async () => {
    const refugee = await handover(K1, `Nour Matrix ${run}`);
    for (const who of everyone) {
      const list = await (await get(`/personale/matching/frivillige?kommune=${K1}&antal=100`, who)).text();
      const search = await (
        await postForm('/personale/matching/frivillige', { q: run, kommune: K1 }, { token: tokens[who] })
      ).text();
      const json = (await (await get(`/api/matching/refugees/${refugee}`, who)).json()) as {
        suggestions?: { volunteerId: string; volunteerName: string }[];
        otherGroups?: { groupId: string; volunteers: number }[];
      };
      for (const [which, volunteer] of Object.entries(volunteers) as [keyof typeof volunteers, Volunteer][]) {
        if (volunteer.kommuneCode !== K1) continue;
        const shown = sees[which].includes(who);
        if (who === 'A2') continue; // Kolding only: Fredericia is not theirs at all (below).
        expect(list.includes(volunteer.name), `${who} lists ${which}`).toBe(shown);
        expect(search.includes(volunteer.name), `${who} finds ${which}`).toBe(shown);
        expect(
          (json.suggestions ?? []).some((s) => s.volunteerId === volunteer.id),
          `${who} is suggested ${which}`,
        ).toBe(shown);
      }
      if (who === 'A1')
        expect(json.otherGroups).toContainEqual(
          expect.objectContaining({ groupId: id('b1'), volunteers: 1 }),
        );
      if (who === 'B1')
        expect(json.otherGroups).toContainEqual(
          expect.objectContaining({ groupId: id('a1'), volunteers: 1 }),
        );
      if (who === 'admin') expect(json.otherGroups).toEqual([]);
    }
    // A2's groups cover Kolding only: Fredericia's refugee and list are not theirs.
    expect((await get(`/api/matching/refugees/${refugee}`, 'A2')).status).toBe(404);
    expect((await get(`/personale/matching/frivillige?kommune=${K1}`, 'A2')).status).toBe(404);
  });

  it("shows the waiting refugee to every group covering the kommune, and which group holds them once proposed; another group's match is 404 (page, JSON) and unnamed in the CSV", async () => {
    const refugee = await handover(K1, `Hiba Holdt ${run}`);
    for (const who of ['A1', 'B1', 'K1 without a group', 'admin'] as const)
      expect((await get(`/personale/matching/flygtning/${refugee}`, who)).status, who).toBe(200);
    const proposed = await postJson('/api/matches', tokens.B1, {
      consentId: refugee,
      volunteerId: volunteers['of B1'].id,
    });
    expect(proposed.status).toBe(201);
    const match = (await proposed.json()) as { id: string; groupId?: string };
    expect(match.groupId).toBe(id('b1'));
    // A1 sees that B1 holds the refugee, but not B1's match or volunteer.
    const page = await (await get(`/personale/matching/flygtning/${refugee}`, 'A1')).text();
    expect(page).toContain(`B1 Nordsjælland ${run} har flygtningen`);
    expect(page).not.toContain(volunteers['of B1'].name);
    // Every route of the route table about one match: 404 for another group, handled for its own.
    const matchRoutes = staffRoutes.filter(
      (r) => r.path.includes('/match/{id}') || r.path.includes('/matches/{id}'),
    );
    expect(matchRoutes.length).toBeGreaterThanOrEqual(6);
    for (const route of matchRoutes)
      for (const [who, allowed] of [
        ['A1', false],
        ['K1 without a group', false],
        ['B1', true],
        ['admin', true],
      ] as const) {
        const response = await send(route, who, match.id);
        expect(response.status, `${route.method} ${route.path}: ${who}`).toBe(
          allowed ? (route.method === 'GET' ? 200 : 400) : 404,
        );
        if (!allowed) expect(await response.text()).not.toContain(volunteers['of B1'].name);
      }
    // In JSON too, another group's match is who holds the refugee, never its volunteer or reasons.
    const overview = (await (await get(`/api/matching/kommuner/${K1}`, 'A1')).json()) as {
      matches: { id: string; volunteerId: string; reasons: unknown[]; groupId?: string }[];
      available: { id: string }[];
    };
    expect(overview.matches.find((m) => m.id === match.id)).toMatchObject({
      volunteerId: '',
      reasons: [],
      groupId: id('b1'),
    });
    expect(JSON.stringify(overview)).not.toContain(volunteers['of B1'].id);
    const matchList = await (await get(`/personale/matching/match?kommune=${K1}&antal=100`, 'A1')).text();
    expect(matchList).toContain(`Hiba Holdt ${run}`);
    expect(matchList).toContain('En anden gruppes frivillig');
    expect(matchList).not.toContain(volunteers['of B1'].name);
    const csv = await (await get(`/personale/matching/eksport?kommune=${K1}&liste=match`, 'A1')).text();
    expect(csv).not.toContain(volunteers['of B1'].name);
    // The proposal holds the refugee for every group: A1 cannot propose them too.
    const second = await postJson('/api/matches', tokens.A1, {
      consentId: refugee,
      volunteerId: volunteers['of A1'].id,
    });
    expect(second.status).toBe(409);
  });

  it('flags a duplicate handover to every group that sees the refugee', async () => {
    const phone = `2${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const first = await postJson(
      '/api/handovers',
      caseworker,
      consentedBody({ receivingKommune: K1, name: `Dublet ${run}`, phone, childrenAges: [] }),
    );
    const second = await postJson(
      '/api/handovers',
      caseworker,
      consentedBody({
        receivingKommune: K1,
        name: `Dublet ${run}`,
        phone,
        childrenAges: [],
        centreId: 'sandholm',
      }),
    );
    const { id: secondId } = (await second.json()) as { id: string };
    const { id: firstId } = (await first.json()) as { id: string };
    for (const who of ['A1', 'B1', 'K1 without a group'] as const) {
      const page = await (await get(`/personale/matching/flygtning/${secondId}`, who)).text();
      expect(page, who).toContain('Mulig dublet: tjek før du matcher');
      expect(page, who).toContain(`Reference ${referenceOf(firstId)}`);
    }
  });

  it("refuses a proposal of another group's volunteer as if the volunteer did not exist", async () => {
    const refugee = await handover(K1, `Rania Forsøg ${run}`);
    // Available, and a fit for the refugee: only the group stands in the way.
    const free = await addConfirmedVolunteer(
      { kommuneCode: K1, postalCode: '7000', name: `Bo B1 ${run}` },
      { groupId: id('b1') },
    );
    const response = await postJson('/api/matches', tokens.A1, { consentId: refugee, volunteerId: free.id });
    const missing = await postJson('/api/matches', tokens.A1, {
      consentId: refugee,
      volunteerId: 'N0tAVolunteerN0tAVolunteer123456',
    });
    expect(response.status).toBe(missing.status);
    expect(await response.json()).toEqual(await missing.json());
    const record = await request(`/api/handovers/${refugee}`, {
      headers: { authorization: `Bearer ${caseworker}` },
    });
    expect(((await record.json()) as { status: string }).status).toBe('waiting');
  });

  it('lets one of two groups win the race for the same refugee', async () => {
    const refugee = await handover(K1, `Samir Kapløb ${run}`);
    const [a, b] = await Promise.all([
      postJson('/api/matches', tokens.A1, { consentId: refugee, volunteerId: volunteers['of A1'].id }),
      postJson('/api/matches', tokens.B1, { consentId: refugee, volunteerId: volunteers['of B1'].id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    // One match, of the winner's group; the refugee is held.
    const { history } = (await (await get(`/api/matching/refugees/${refugee}`, 'admin')).json()) as {
      history: { groupId: string; status: string }[];
    };
    expect(history).toEqual([
      expect.objectContaining({ status: 'proposed', groupId: a.status === 201 ? id('a1') : id('b1') }),
    ]);
  });
});

describe('a request for another group’s volunteer', () => {
  const tasksOf = async (who: Coordinator) =>
    (
      (await (await get(`/api/tasks?kommune=${K1}`, who)).json()) as {
        tasks: { id: string; kind: string; consentId?: string }[];
      }
    ).tasks;

  it('reaches only the owning group, who declines it; the asking coordinator sees the answer', async () => {
    const refugee = await handover(K1, `Yousef Anmodning ${run}`);
    const asked = await postForm(
      `/personale/matching/flygtning/${refugee}/anmodning`,
      { group: id('b1') },
      { token: tokens.A1 },
    );
    expect(asked.status).toBe(303);
    const request = (await tasksOf('B1')).find(
      (t) => t.kind === 'volunteer-request' && t.consentId === refugee,
    );
    expect(request).toBeDefined();
    expect((await tasksOf('A1')).some((t) => t.kind === 'volunteer-request' && t.consentId === refugee)).toBe(
      false,
    );
    // The task page names the asking coordinator's group.
    const taskPage = await (
      await get(`/personale/opgaver?kommune=${K1}&type=volunteer-request`, 'B1')
    ).text();
    expect(taskPage).toContain(`(A1 Fredericia ${run}) beder jer om en frivillig`);
    // Another group cannot decline it for them.
    const foreign = await postForm(
      '/personale/opgaver',
      { kommune: K1, id: request?.id ?? '', how: 'decline' },
      { token: tokens.A2 },
    );
    expect(foreign.status).toBe(404);
    // Nor can the asking coordinator close it as done.
    const closedByAsker = await postForm(
      '/personale/opgaver',
      { kommune: K1, id: request?.id ?? '', how: 'done' },
      { token: tokens.A1 },
    );
    expect(closedByAsker.status).toBe(404);
    const declined = await postForm(
      '/personale/opgaver',
      { kommune: K1, id: request?.id ?? '', how: 'decline' },
      { token: tokens.B1 },
    );
    expect(declined.status).toBe(303);
    expect((await tasksOf('B1')).some((t) => t.id === request?.id)).toBe(false);
    const page = await (await get(`/personale/matching/flygtning/${refugee}`, 'A1')).text();
    expect(page).toContain('Gruppen har sagt nej');
    expect(page).toContain(`Bed B1 Nordsjælland ${run} om en frivillig`);
  });

  it('is accepted by a proposal of the owning group, which closes the request', async () => {
    const refugee = await handover(K1, `Layla Accepteret ${run}`);
    const asked = await postForm(
      `/personale/matching/flygtning/${refugee}/anmodning`,
      { group: id('b1') },
      { token: tokens.A1 },
    );
    expect(asked.status).toBe(303);
    const before = await (await get(`/personale/matching/flygtning/${refugee}`, 'A1')).text();
    expect(before).toContain('gruppen har ikke svaret endnu');
    const spare = await addConfirmedVolunteer(
      { kommuneCode: K1, postalCode: '7000', name: `Birthe B1 ${run}` },
      { groupId: id('b1') },
    );
    const proposed = await postJson('/api/matches', tokens.B1, { consentId: refugee, volunteerId: spare.id });
    expect(proposed.status).toBe(201);
    expect((await tasksOf('B1')).some((t) => t.kind === 'volunteer-request' && t.consentId === refugee)).toBe(
      false,
    );
    const after = await (await get(`/personale/matching/flygtning/${refugee}`, 'A1')).text();
    expect(after).toContain(`B1 Nordsjælland ${run} har flygtningen`);
  });

  it('is answered for good when the refugee withdraws: nothing left on the group’s list', async () => {
    const refugee = await handover(K1, `Zahra Trækker ${run}`);
    const asked = await postForm(
      `/personale/matching/flygtning/${refugee}/anmodning`,
      { group: id('b1') },
      { token: tokens.A1 },
    );
    expect(asked.status).toBe(303);
    expect((await tasksOf('B1')).some((t) => t.kind === 'volunteer-request' && t.consentId === refugee)).toBe(
      true,
    );
    const withdrawn = await postJson(`/api/handovers/${refugee}/withdrawal`, caseworker, {
      requestedVia: 'letter',
    });
    expect(withdrawn.status).toBe(200);
    expect((await tasksOf('B1')).some((t) => t.kind === 'volunteer-request' && t.consentId === refugee)).toBe(
      false,
    );
  });

  it('is answered for good when the refugee’s kommune is corrected: the groups there are others', async () => {
    const body = consentedBody({ receivingKommune: K1, name: `Mariam Rettet ${run}`, childrenAges: [] });
    const created = await postJson('/api/handovers', caseworker, body);
    const { id: refugee } = (await created.json()) as { id: string };
    await postForm(
      `/personale/matching/flygtning/${refugee}/anmodning`,
      { group: id('b1') },
      { token: tokens.A1 },
    );
    expect((await tasksOf('B1')).some((t) => t.kind === 'volunteer-request' && t.consentId === refugee)).toBe(
      true,
    );
    const corrected = await correctHandover(caseworker, refugee, body, { receivingKommune: K2 });
    expect(corrected.status).toBe(200);
    expect((await tasksOf('B1')).some((t) => t.kind === 'volunteer-request' && t.consentId === refugee)).toBe(
      false,
    );
  });

  it('cannot be made to the asker’s own group, nor to a group that does not cover the kommune', async () => {
    const refugee = await handover(K1, `Omar Egen ${run}`);
    const own = await postForm(
      `/personale/matching/flygtning/${refugee}/anmodning`,
      { group: id('a1') },
      { token: tokens.A1 },
    );
    expect(own.status).toBe(409);
    const elsewhere = await postForm(
      `/personale/matching/flygtning/${refugee}/anmodning`,
      { group: id('a2') },
      { token: tokens.A1 },
    );
    expect(elsewhere.status).toBe(404);
  });
});

describe('a coordinator moving a volunteer to another group', () => {
  it('moves them, tells them by email with the new group’s contact, and hands them to that group', async () => {
    const volunteer = await addConfirmedVolunteer(
      { kommuneCode: K1, postalCode: '7000', email: uniqueEmail('flyttes') },
      { groupId: id('a1') },
    );
    const groupCount = async (groupId: string) =>
      Number((await kommuneItem(K1))[`group:${groupId}:listedVolunteers`] ?? 0);
    const [a1Before, b1Before] = [await groupCount(id('a1')), await groupCount(id('b1'))];
    const moved = await postForm(
      `/personale/matching/frivillige/${volunteer.id}/gruppe`,
      { group: id('b1') },
      { token: tokens.A1 },
    );
    expect(moved.status).toBe(303);
    // The kommune's counts per group move with them (the figures and the list totals read them).
    expect(await groupCount(id('a1'))).toBe(a1Before - 1);
    expect(await groupCount(id('b1'))).toBe(b1Before + 1);
    const [email] = await waitForEmails(volunteer.email);
    expect(email?.subject).toBe(`Du hører nu til B1 Nordsjælland ${run}`);
    expect(email?.body.text).toContain(`${id('b1')}@example.dk eller 20 30 40 50`);
    expect((await get(`/personale/matching/frivillige/${volunteer.id}`, 'A1')).status).toBe(404);
    expect((await get(`/personale/matching/frivillige/${volunteer.id}`, 'B1')).status).toBe(200);
    // Only to an active group covering the volunteer's kommune.
    const refused = await postForm(
      `/personale/matching/frivillige/${volunteer.id}/gruppe`,
      { group: id('a2') },
      { token: tokens.B1 },
    );
    expect(refused.status).toBe(400);
  });
});

describe('a volunteer who moves to another kommune', () => {
  it("leaves a group that does not cover the new kommune, and is 'not yet assigned' there", async () => {
    const email = uniqueEmail('flytter');
    const { id: volunteerId, cookie } = await signUpAndConfirm(email, {
      kommuneCode: K2,
      postalCode: '6000',
      group: id('a2'),
    });
    expect(await volunteerItem(volunteerId)).toMatchObject({ groupId: id('a2') });
    const response = await request('/min-tilmelding', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl, cookie },
      body: new URLSearchParams({
        action: 'update',
        name: 'Flytte Frivillig',
        kommuneCode: K1,
        postalCode: '7000',
        kind: 'friend',
        languages: 'danish',
        helpWith: 'job-search',
        meetingFrequency: 'monthly',
        capacity: '1',
        organisation: 'none',
        language: 'da',
      }).toString(),
    });
    expect(response.status).toBe(303);
    const after = await volunteerItem(volunteerId);
    expect(after).toMatchObject({ kommuneCode: K1 });
    expect(after?.groupId).toBeUndefined();
    // Every group covering Fredericia sees them now (A2, of Kolding, does not).
    expect((await get(`/personale/matching/frivillige/${volunteerId}`, 'A1')).status).toBe(200);
    expect((await get(`/personale/matching/frivillige/${volunteerId}`, 'B1')).status).toBe(200);
    expect((await get(`/personale/matching/frivillige/${volunteerId}`, 'A2')).status).toBe(404);
  });
});

describe("a coordinator's kommuner follow their groups", () => {
  it('covers a kommune from the moment an administrator activates their group for it', async () => {
    const refugee = await handover('630', `Farida Vejle ${run}`);
    expect((await get(`/personale/matching/flygtning/${refugee}`, 'A2')).status).toBe(404);
    const activated = await postForm(
      '/personale/administration/aktivering',
      { group: id('a2'), kommune: '630' },
      { token: tokens.admin },
    );
    expect(activated.status).toBe(303);
    expect((await get(`/personale/matching/flygtning/${refugee}`, 'A2')).status).toBe(200);
    const me = (await (await get('/api/me', 'A2')).json()) as { kommuner: string[]; groups: string[] };
    expect(me.groups).toEqual([id('a2')]);
    expect(me.kommuner.sort()).toEqual([K2, '630']);
  });
});

describe('the kommune knows who is there', () => {
  it("names the kommune's active groups, what they offer and their contact in the weekly digest", async () => {
    const contact = uniqueEmail('fredericia');
    const kommuner = kommunerRepository(db, stack.tables.kommuner);
    await kommuner.addDigestContact(K1, contact, new Date());
    const day = 24 * 3600 * 1000;
    const runAt = new Date(
      copenhagenMidnight(isoWeekOf(new Date(Date.now() + 7 * day)).monday).getTime() + 7 * 3600 * 1000,
    );
    const sources = digestSources(db, {
      consents: stack.tables.consents,
      matches: stack.tables.matches,
      kommuner: stack.tables.kommuner,
    });
    await writeWeeklyDigests({
      // Only this test's contact: other files' contacts get their digests from their own runs.
      sources: {
        ...sources,
        contacts: async () => (await sources.contacts()).filter((c) => c.email === contact),
      },
      outbox: outboxRepository(db, stack.tables.outbox),
      now: () => runAt,
    });
    const [mail] = await waitForEmails(contact);
    const text = mail?.body.text ?? '';
    expect(text).toContain('Lokale frivilliggrupper i kommunen:');
    expect(text).toContain(`- A1 Fredericia ${run} (Organisation A ${run}): venner. ${id('a1')}@example.dk`);
    expect(text).toContain(
      `- B1 Nordsjælland ${run} (Organisation B ${run}): venner, sprogcafé. ${id('b1')}@example.dk, 20 30 40 50`,
    );
    expect(text).not.toContain(`A2 Kolding ${run}`);
    expect(mail?.body.html).toContain(`A1 Fredericia ${run}`);
  });

  it('gives the kommune\'s caseworker the group\'s contact with the "has a friend" email', async () => {
    const caseworkerEmail = uniqueEmail('sagsbehandler.fredericia');
    const created = await postJson(
      '/api/handovers',
      caseworker,
      consentedBody({
        receivingKommune: K1,
        name: `Amal Venskab ${run}`,
        childrenAges: [],
        kommuneCaseworkerEmail: caseworkerEmail,
      }),
    );
    const { id: consentId } = (await created.json()) as { id: string };
    const friend = await addConfirmedVolunteer(
      { kommuneCode: K1, postalCode: '7000', email: uniqueEmail('ven.b1') },
      { groupId: id('b1') },
    );
    expect((await postJson('/api/matches', tokens.B1, { consentId, volunteerId: friend.id })).status).toBe(
      201,
    );
    const [proposal] = await waitForEmails(friend.email);
    expect(
      (await answerFromLink(linkIn(proposal as never, `${stack.gatewayUrl}/ven/forslag`), 'accept')).status,
    ).toBe(200);
    // The caseworker got the handover first; then the match.
    const mail = (await waitForEmails(caseworkerEmail, 2)).find((e) =>
      e.subject.includes('har fået en frivillig ven'),
    );
    const text = mail?.body.text ?? '';
    expect(text).toContain(`Lokal gruppe: B1 Nordsjælland ${run} (Organisation B ${run})`);
    expect(text).toContain(`Gruppens kontakt: ${id('b1')}@example.dk, 20 30 40 50`);
  });

  it('lists them on the public page and in its JSON', async () => {
    const page = await (await request('/mangler-frivillige')).text();
    expect(page).toContain('Lokale frivilliggrupper');
    expect(page).toContain(`B1 Nordsjælland ${run}`);
    const json = (await (await request('/api/kommuner/figures')).json()) as {
      groups: { code: string; groups: { id: string; email: string }[] }[];
    };
    const frederikssund = json.groups.find((k) => k.code === K1);
    expect(frederikssund?.groups.map((g) => g.id)).toEqual(expect.arrayContaining([id('a1'), id('b1')]));
    expect(json.groups.find((k) => k.code === K2)?.groups.map((g) => g.id)).not.toContain(id('a1'));
  });
});
