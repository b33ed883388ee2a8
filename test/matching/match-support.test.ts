import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { taskPorts } from '../../functions/adapters/task-ports.ts';
import { volunteerBackfill } from '../../functions/adapters/volunteers-repository.ts';
import { type ListedTask, taskList } from '../../functions/domain/coordinator-tasks.ts';
import { copenhagenDate, copenhagenMonth } from '../../functions/domain/danish-time.ts';
import { sendFollowUps } from '../../functions/domain/match-follow-ups.ts';
import { backfillVolunteers } from '../../functions/domain/retention.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { projectRoot } from '../../infra/build-assets.ts';
import { signUpAndConfirm } from '../support/confirmed-volunteer.ts';
import {
  consentedBody,
  correctHandover,
  getJson,
  handoverItem,
  postJson,
  staffToken,
} from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink, markReady } from '../support/matching-fixture.ts';
import {
  documentClient,
  emailsTo,
  getItem,
  linkIn,
  request,
  type StoredEmail,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { postForm } from '../support/staff.ts';
import { volunteerItem } from '../support/volunteer-items.ts';

/**
 * The six months after the match, against the real local services: readiness in suggestions and
 * plans, the check-in schedule over a simulated year, meetings and concerns from the emails and
 * from "Min tilmelding", the coordinator's tasks (done, snooze, the weekly email), closures with
 * their reasons and the exit survey, and the outcomes in the figures.
 */

const kommuner = { readiness: '260', year: '269', closure: '270', support: '306', quiet: '326' } as const;
const day = 24 * 3600 * 1000;

let caseworker: string;
let coordinator: string;
let coordinatorEmail: string;
let quietCoordinatorEmail: string;

const subOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sub as string;

beforeAll(async () => {
  caseworker = (await signIn('caseworker')).accessToken;
  coordinatorEmail = uniqueEmail('opgaver');
  const mine = [kommuner.readiness, kommuner.year, kommuner.closure, kommuner.support];
  coordinator = await staffToken({ role: 'coordinator', kommuner: mine, email: coordinatorEmail });
  quietCoordinatorEmail = uniqueEmail('rolig');
  const quiet = await staffToken({
    role: 'coordinator',
    kommuner: [kommuner.quiet],
    email: quietCoordinatorEmail,
  });
  // Each sign-in notes who they are and which kommuner they coordinate (the weekly email's list).
  const directory = staffDirectory(documentClient(), stack.tables.staff);
  await directory.remember(subOf(coordinator), coordinatorEmail, new Date(), 'Karla Koordinator', mine);
  await directory.remember(subOf(quiet), quietCoordinatorEmail, new Date(), 'Rolf Rolig', [kommuner.quiet]);
});

/** A form post from the staff pages, signed in with a token. */
const staffForm = (path: string, fields: Record<string, string>, token = coordinator) =>
  postForm(path, fields, { token });
const staffPage = async (path: string, token = coordinator) => {
  const response = await request(path, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return response.text();
};
/** A public form post (the volunteer's browser on our pages). */
const publicForm = (path: string, fields: Record<string, string>, cookies?: string) =>
  postForm(path, fields, { cookies });

const handover = async (overrides: Record<string, unknown>) => {
  const response = await postJson('/api/handovers', caseworker, consentedBody(overrides));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const matchItem = (id: string) => getItem(stack.tables.matches, { pk: `MATCH#${id}`, sk: 'MATCH' });

/** A refugee and a volunteer who said yes: the match's id. */
const activeMatch = async (kommuneCode: string, volunteer?: Pick<Volunteer, 'id' | 'email'>) => {
  const consentId = await handover({ receivingKommune: kommuneCode, childrenAges: [16] });
  const friend = volunteer ?? (await addConfirmedVolunteer({ kommuneCode, kind: 'friend' }));
  const proposed = await postJson('/api/matches', coordinator, { consentId, volunteerId: friend.id });
  expect(proposed.status).toBe(201);
  const matchId = ((await proposed.json()) as { id: string }).id;
  const proposalEmail = async () => {
    for (let tries = 0; tries < 200; tries++) {
      const found = (await emailsTo(friend.email)).find((e) => e.body.text?.includes('/ven/forslag?'));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No proposal to ${friend.email}`);
  };
  const proposal = await proposalEmail();
  expect((await answerFromLink(linkIn(proposal, `${stack.gatewayUrl}/ven/forslag`), 'accept')).status).toBe(
    200,
  );
  return { consentId, matchId, volunteer: friend };
};

const tasksOf = async (kommuneCode: string, now?: Date): Promise<ListedTask[]> =>
  taskList(
    {
      ...taskPorts(
        {
          TABLE_TASKS: stack.tables.tasks,
          TABLE_CONSENTS: stack.tables.consents,
          TABLE_VOLUNTEERS: stack.tables.volunteers,
        },
        documentClient(),
      ),
      now: () => now ?? new Date(),
    },
    // The secretariat sees every group's tasks.
    { roles: ['admin'], kommuner: [kommuneCode] },
    [kommuneCode],
  );

const apiTasks = async (kommuneCode: string) =>
  (
    (await (await getJson(`/api/tasks?kommune=${kommuneCode}`, coordinator)).json()) as {
      tasks: ListedTask[];
    }
  ).tasks;

describe('volunteers ready before a first match', () => {
  it('never offers a friend family without børneattest to a family with a 6-year-old; offers them once approved', async () => {
    const k = kommuner.readiness;
    const consentId = await handover({
      receivingKommune: k,
      childrenAges: [6],
      newAddress: 'Torvet 1, 3300',
    });
    const introduced = {
      introduction: { on: '2026-11-02', by: 'Karla' },
      confidentiality: { at: new Date().toISOString(), by: 'volunteer' },
    };
    const family = await addConfirmedVolunteer(
      { kommuneCode: k, postalCode: '3300', kind: 'family', adults: 2, children: 1, languages: ['arabic'] },
      { screening: introduced },
    );
    const notIntroduced = await addConfirmedVolunteer(
      { kommuneCode: k, postalCode: '3300', kind: 'friend', languages: ['arabic'] },
      { screening: undefined },
    );
    const suggested = async () =>
      (
        (await (await getJson(`/api/matching/refugees/${consentId}`, coordinator)).json()) as {
          suggestions: { volunteerId: string }[];
        }
      ).suggestions.map((s) => s.volunteerId);
    expect(await suggested()).not.toContain(family.id);
    expect(await suggested()).not.toContain(notIntroduced.id);
    // The reason shows on the refugee's page, and the plan leaves them out saying why.
    const page = await staffPage(`/personale/matching/flygtning/${consentId}`);
    expect(page).toContain('Ikke klar til denne husstand endnu');
    expect(page).toMatch(new RegExp(`${family.name}</a>, 3300: mangler børneattest`));
    expect(page).toContain('mangler introduktionssamtale, mangler tavshedserklæring');
    const plan = (await (await getJson(`/api/matching/kommuner/${k}/plan`, coordinator)).json()) as {
      pairs: { volunteerId: string }[];
    };
    expect(plan.pairs.map((p) => p.volunteerId)).not.toContain(family.id);
    expect(await staffPage(`/personale/matching/plan?kommune=${k}`)).toContain(
      'Ledige frivillige, der ikke er klar endnu',
    );
    // Proposing them anyway is refused.
    expect((await postJson('/api/matches', coordinator, { consentId, volunteerId: family.id })).status).toBe(
      409,
    );

    // The coordinator records the børneattest: dates and the assessment only.
    const today = copenhagenDate(new Date());
    const recorded = await staffForm(`/personale/matching/frivillige/${family.id}/klar`, {
      certificateRequestedOn: today,
      certificateDecidedOn: today,
      assessment: 'approved',
    });
    expect(recorded.status).toBe(303);
    expect((await volunteerItem(family.id))?.screening).toEqual({
      ...introduced,
      childCertificate: { requestedOn: today, decidedOn: today, assessment: 'approved' },
    });
    const volunteerPage = await staffPage(`/personale/matching/frivillige/${family.id}?klar=1`);
    expect(volunteerPage).toContain('Klar (med børneattest)');
    expect(volunteerPage).toContain('Vi har gemt det, du registrerede.');
    expect(await suggested()).toContain(family.id);
    expect((await postJson('/api/matches', coordinator, { consentId, volunteerId: family.id })).status).toBe(
      201,
    );
    // A decision without its date is refused, and a date after today.
    const undated = await staffForm(`/personale/matching/frivillige/${notIntroduced.id}/klar`, {
      assessment: 'approved',
    });
    expect(undated.status).toBe(400);
    const future = await staffForm(`/personale/matching/frivillige/${notIntroduced.id}/klar`, {
      introductionOn: copenhagenDate(new Date(Date.now() + 3 * day)),
    });
    expect(future.status).toBe(400);
  });

  it('shows the volunteer what is missing on "Min tilmelding", and takes the declaration there', async () => {
    const email = uniqueEmail('klar');
    const { id, cookie } = await signUpAndConfirm(email, {
      kommuneCode: kommuner.readiness,
      postalCode: '3300',
    });
    const own = async () => (await request('/min-tilmelding', { headers: { cookie } })).text();
    const before = await own();
    expect(before).toContain('Før din første ven');
    expect(before).toContain('Introduktionssamtale med en koordinator: mangler');
    expect(before).toContain('Tavshedserklæring accepteret: mangler');
    const accepted = await publicForm('/min-tilmelding', { action: 'accept-declaration' }, cookie);
    expect(accepted.status).toBe(303);
    expect((await volunteerItem(id))?.screening?.confidentiality).toMatchObject({ by: 'volunteer' });
    const after = await (
      await request(accepted.headers.get('location') ?? '', { headers: { cookie } })
    ).text();
    expect(after).toContain('Du har accepteret tavshedserklæringen');
    expect(after).toContain('Tavshedserklæring accepteret: klaret');
  });
});

describe('the check-ins over a year', () => {
  it('sends each check-in once, records the answers, and opens and clears the tasks', async () => {
    const k = kommuner.year;
    const { matchId, volunteer } = await activeMatch(k);
    // The match began 380 days ago: each run of the job happens at a moment in the past.
    const start = Date.now() - 380 * day;
    await documentClient().send(
      new UpdateCommand({
        TableName: stack.tables.matches,
        Key: { pk: `MATCH#${matchId}`, sk: 'MATCH' },
        UpdateExpression: 'SET activeSince = :start',
        ExpressionAttributeValues: { ':start': new Date(start).toISOString() },
      }),
    );
    const matches = matchesRepository(documentClient(), { ...stack.tables });
    const runAt = (days: number) => sendFollowUps({ matches, now: () => new Date(start + days * day) }, [k]);
    const checkInEmail = async (count: number, label: string) => {
      const emails = (await waitForEmails(volunteer.email, count)).filter((e) =>
        e.subject.startsWith('Hvordan går'),
      );
      const found = emails.filter((e) => e.subject.includes(label));
      expect(found, label).toHaveLength(1);
      return found[0] as StoredEmail;
    };

    // Two weeks: one email for two runs (EventBridge may retry), answered "we meet regularly".
    await runAt(14);
    await runAt(14);
    const twoWeeks = await checkInEmail(3, 'to uger');
    const answer = new URL(linkIn(twoWeeks, `${stack.gatewayUrl}/ven/opfoelgning`));
    expect((await publicForm('/ven/opfoelgning', Object.fromEntries(answer.searchParams))).status).toBe(200);
    expect((await matchItem(matchId))?.followUps['2-weeks']).toMatchObject({ answer: 'meeting-regularly' });

    // Six weeks: nobody answers; a task once the 7 days are up.
    await runAt(42);
    await checkInEmail(4, 'seks uger');
    const unanswered = `check-in-unanswered#${matchId}#6-weeks`;
    expect((await tasksOf(k, new Date(start + 48 * day))).map((t) => t.id)).not.toContain(unanswered);
    expect((await tasksOf(k, new Date(start + 50 * day))).map((t) => t.id)).toContain(unanswered);

    // Three months: "something is difficult" clears its own task and opens an urgent one.
    await runAt(91);
    const threeMonths = await checkInEmail(5, 'tre måneder');
    const difficult = new URL(linkIn(threeMonths, `${stack.gatewayUrl}/ven/opfoelgning`));
    difficult.searchParams.set('svar', 'something-difficult');
    const answered = await publicForm('/ven/opfoelgning', Object.fromEntries(difficult.searchParams));
    expect(await answered.text()).toContain('Din koordinator kontakter dig');
    const tasks = await tasksOf(k);
    expect(tasks.map((t) => t.id)).not.toContain(`check-in-unanswered#${matchId}#3-months`);
    expect(tasks.find((t) => t.id === `check-in-answer#${matchId}#3-months`)).toMatchObject({
      urgent: true,
      answer: 'something-difficult',
    });

    // Six months is counted in the figures, with the meetings per month; then every three months.
    for (const days of [182, 182, 274, 365]) await runAt(days);
    await checkInEmail(8, 'et halvt år');
    await checkInEmail(8, '9 måneder');
    await checkInEmail(8, '12 måneder');
    // Six check-ins, each exactly once (the outbox entries of runs "as of" a year ago have expired).
    for (const label of ['to uger', 'seks uger', 'tre måneder', 'et halvt år', '9 måneder', '12 måneder'])
      await checkInEmail(8, label);
    expect((await emailsTo(volunteer.email)).filter((e) => e.subject.startsWith('Hvordan går'))).toHaveLength(
      6,
    );
    const sixMonthsMonth = copenhagenMonth(new Date(start + 182 * day));
    const figures = await getItem(stack.tables.kommuner, { pk: `FIGURES#${sixMonthsMonth}`, sk: k });
    expect(figures).toMatchObject({ reachedSixMonths: 1, meetingsPerMonth: [0] });
    const answersMonth = await getItem(stack.tables.kommuner, {
      pk: `FIGURES#${copenhagenMonth(new Date())}`,
      sk: k,
    });
    expect(answersMonth).toMatchObject({ 'checkIn:meeting-regularly': 1, 'checkIn:something-difficult': 1 });

    // The coordinator's list (the page and the JSON): urgent first; done and snooze.
    const listed = await apiTasks(k);
    expect(listed[0]).toMatchObject({ id: `check-in-answer#${matchId}#3-months`, urgent: true });
    const page = await staffPage(`/personale/opgaver?kommune=${k}`);
    expect(page).toContain('Haster');
    expect(page).toContain('„Vi ses, men noget er svært“ (check-in efter tre måneder)');
    expect(page).toContain('den frivillige har ikke svaret på check-in efter seks uger');
    const done = await staffForm('/personale/opgaver', {
      kommune: k,
      id: `check-in-answer#${matchId}#3-months`,
      how: 'done',
    });
    expect(done.status).toBe(303);
    expect(await staffPage(done.headers.get('location') ?? '')).toContain('Opgaven er markeret som udført.');
    const snoozed = await staffForm('/personale/opgaver', { kommune: k, id: unanswered, how: 'snooze' });
    expect(snoozed.status).toBe(303);
    const after = (await apiTasks(k)).map((t) => t.id);
    expect(after).not.toContain(`check-in-answer#${matchId}#3-months`);
    expect(after).not.toContain(unanswered);
    expect((await tasksOf(k, new Date(Date.now() + 8 * day))).map((t) => t.id)).toContain(unanswered);
    // Done twice, or another kommune's: not found.
    expect(
      (
        await staffForm('/personale/opgaver', {
          kommune: k,
          id: `check-in-answer#${matchId}#3-months`,
          how: 'done',
        })
      ).status,
    ).toBe(404);
    expect(
      (await staffForm('/personale/opgaver', { kommune: '101', id: unanswered, how: 'done' })).status,
    ).toBe(404);

    // The match page tells the story: the check-ins and their answers, and the pace.
    const matchPage = await staffPage(`/personale/matching/match/${matchId}`);
    expect(matchPage).toContain('Check-in efter 2 uger sendt');
    expect(matchPage).toContain(
      'Den frivilliges svar på check-in efter 3 måneder: „Vi ses, men noget er svært“',
    );
    expect(matchPage).toContain('0 møder på 54 uger');
  });
});

describe('meetings and concerns', () => {
  it('records a meeting once a day and a concern as an urgent task, from the email and from "Min tilmelding"', async () => {
    const k = kommuner.support;
    const email = uniqueEmail('moeder');
    const signedUp = await signUpAndConfirm(email, { kommuneCode: k, kind: 'friend', postalCode: '4000' });
    await markReady(signedUp.id);
    const { matchId } = await activeMatch(k, { id: signedUp.id, email });
    const matches = matchesRepository(documentClient(), { ...stack.tables });
    await sendFollowUps({ matches, now: () => new Date(Date.now() + 15 * day) }, [k]);
    const [checkIn] = (await waitForEmails(email, 4)).filter((e) => e.subject.startsWith('Hvordan går'));
    // "Vi har mødtes": the link opens a page; only its button records.
    const meetingLink = new URL(linkIn(checkIn as StoredEmail, `${stack.gatewayUrl}/ven/moede`));
    const page = await request(`${meetingLink.pathname}${meetingLink.search}`);
    expect(await page.text()).toContain('Gem mødet');
    expect((await matchItem(matchId))?.meetings).toBeUndefined();
    const fields = { ...Object.fromEntries(meetingLink.searchParams), on: copenhagenDate(new Date()) };
    expect(await (await publicForm('/ven/moede', fields)).text()).toContain('Mødet er gemt');
    expect(await (await publicForm('/ven/moede', fields)).text()).toContain('allerede gemt');
    expect((await publicForm('/ven/moede', { ...fields, on: '2020-01-01' })).status).toBe(400);
    expect((await publicForm('/ven/moede', { ...fields, token: 'x'.repeat(43) })).status).toBe(410);
    expect(await matchItem(matchId)).toMatchObject({
      meetings: 1,
      lastMeetingOn: copenhagenDate(new Date()),
    });

    // A concern from the email: an urgent task, with the note on the match's timeline.
    const concernLink = new URL(linkIn(checkIn as StoredEmail, `${stack.gatewayUrl}/ven/bekymring`));
    const form = await (await request(`${concernLink.pathname}${concernLink.search}`)).text();
    expect(form).toContain('Skriv ikke om helbred');
    const raised = await publicForm('/ven/bekymring', {
      ...Object.fromEntries(concernLink.searchParams),
      note: 'Min ven virker meget alene, og vi har svært ved at finde tid.',
    });
    expect(await raised.text()).toContain('opgave, der haster');
    expect(
      (await publicForm('/ven/bekymring', { ...Object.fromEntries(concernLink.searchParams), note: '' }))
        .status,
    ).toBe(400);
    const concerns = (await apiTasks(k)).filter((t) => t.kind === 'concern' && t.matchId === matchId);
    expect(concerns).toHaveLength(1);
    expect(concerns[0]?.urgent).toBe(true);
    const events = await documentClient().send(
      new QueryCommand({
        TableName: stack.tables.matches,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
        ExpressionAttributeValues: { ':pk': `MATCH#${matchId}`, ':event': 'EVENT#' },
      }),
    );
    expect(events.Items?.map((e) => e.kind).sort()).toEqual(['concern', 'meeting']);
    // The note is kept a year, then DynamoDB deletes it; the meeting has no note and no expiry.
    const concernEvent = events.Items?.find((e) => e.kind === 'concern');
    expect(Number(concernEvent?.expiresAt) - Math.floor(Date.parse(String(concernEvent?.at)) / 1000)).toBe(
      365 * 86_400,
    );

    // From "Min tilmelding": the same two, with the volunteer's session.
    const own = await (await request('/min-tilmelding', { headers: { cookie: signedUp.cookie } })).text();
    expect(own).toContain('Dit venskab');
    expect(own).toContain('1 møde skrevet');
    const again = await publicForm('/min-tilmelding', { action: 'meeting', match: matchId }, signedUp.cookie);
    expect(again.headers.get('location')).toContain('gemt=meeting-already');
    const worried = await publicForm(
      '/min-tilmelding',
      { action: 'concern', match: matchId, note: 'Vi har ikke hørt fra hinanden i to uger.' },
      signedUp.cookie,
    );
    expect(worried.headers.get('location')).toContain('gemt=concern');
    expect((await apiTasks(k)).filter((t) => t.kind === 'concern' && t.matchId === matchId)).toHaveLength(2);
    // Another's match from one's own page: not found.
    expect(
      (await publicForm('/min-tilmelding', { action: 'meeting', match: 'M'.repeat(32) }, signedUp.cookie))
        .status,
    ).toBe(404);

    // The coordinator's side: the refugee's side after a call, and their own concern.
    const call = await staffForm(`/personale/matching/match/${matchId}/flygtningens-side`, {
      answer: 'meeting-regularly',
      note: 'Glad for sin ven, vil gerne mødes oftere.',
    });
    expect(call.status).toBe(303);
    const matchPage = await staffPage(`/personale/matching/match/${matchId}`);
    expect(matchPage).toContain(
      'Flygtningens side (telefon, Karla Koordinator): „Vi ses jævnligt, og det går godt“',
    );
    expect(matchPage).toContain('Glad for sin ven, vil gerne mødes oftere.');
    expect(matchPage).toContain('Bekymring skrevet af den frivillige');
    expect(matchPage).toContain('1 møde i de første to uger');
  });
});

describe('closing a match', () => {
  it('records who ended it and why, asks the volunteer the exit survey, and puts the refugee back at their place', async () => {
    const k = kommuner.closure;
    const { matchId, consentId, volunteer } = await activeMatch(k);
    const waitingSince = (await handoverItem(consentId))?.waitingSince;
    const closed = await staffForm(`/personale/matching/match/${matchId}`, {
      action: 'end',
      planned: 'no',
      closure: 'volunteer:no-time',
      rematch: 'yes',
    });
    expect(closed.status).toBe(303);
    expect(await matchItem(matchId)).toMatchObject({
      status: 'ended',
      endReason: 'no-time',
      closure: { planned: false, endedBy: 'volunteer', reason: 'no-time', refugeeWantsNewFriend: true },
    });
    // Back on the waiting list at their original place, not at the back.
    expect(await handoverItem(consentId)).toMatchObject({ status: 'waiting', waitingSince });
    expect(await volunteerItem(volunteer.id)).toMatchObject({ ready: false });
    const month = copenhagenMonth(new Date());
    expect(await getItem(stack.tables.kommuner, { pk: `FIGURES#${month}`, sk: k })).toMatchObject({
      'endedEarly:volunteer:no-time': 1,
    });

    // The survey: one link, once; "later" makes them ready after a pause that ends by itself.
    const survey = (await waitForEmails(volunteer.email, 3)).find((e) => e.subject.includes('to spørgsmål'));
    const link = new URL(linkIn(survey as StoredEmail, `${stack.gatewayUrl}/ven/afslutning`));
    expect(await (await request(`${link.pathname}${link.search}`)).text()).toContain(
      'Vil du gerne have en ny ven?',
    );
    const fields = {
      ...Object.fromEntries(link.searchParams),
      rating: '4',
      again: 'later',
      later: '1-month',
    };
    expect((await publicForm('/ven/afslutning', { ...fields, rating: '9' })).status).toBe(400);
    expect(await (await publicForm('/ven/afslutning', fields)).text()).toContain(
      'Vi sender dig ingen forslag før da',
    );
    expect((await publicForm('/ven/afslutning', fields)).status).toBe(410);
    expect(await matchItem(matchId)).toMatchObject({ survey: { rating: 4, again: 'later' } });
    expect(await volunteerItem(volunteer.id)).toMatchObject({ ready: true, paused: true });
    expect(await staffPage(`/personale/matching/match/${matchId}`)).toContain(
      'Den frivilliges evaluering: 4 af 5; ny ven: ja, senere',
    );

    // Every reason of every party, as the API takes them; each counted under its party and reason.
    const closures = [
      ['volunteer', 'moved', false],
      ['volunteer', 'did-not-fit', false],
      ['volunteer', 'other', false],
      ['refugee', 'moved', false],
      ['refugee', 'no-longer-needs', false],
      ['refugee', 'did-not-fit', false],
      ['refugee', 'other', false],
      ['both', 'completed', true],
      ['both', 'did-not-fit', false],
      ['both', 'other', true],
    ] as const;
    for (const [endedBy, reason, planned] of closures) {
      const next = await activeMatch(k);
      const ended = await postJson(`/api/matches/${next.matchId}/actions`, coordinator, {
        action: 'end',
        planned,
        endedBy,
        reason,
        rematch: false,
      });
      expect(ended.status, `${endedBy}:${reason}`).toBe(200);
    }
    const figures = (await (
      await getJson(`/api/figures?area=kommune-${k}&from=${month}&to=${month}`, coordinator)
    ).json()) as {
      total: { endedEarly: number; earlyReasons: Record<string, number>; earlyClosureRate?: number };
    };
    expect(figures.total.endedEarly).toBe(11);
    expect(figures.total.earlyReasons).toEqual({
      'volunteer:no-time': 1,
      'volunteer:moved': 1,
      'volunteer:did-not-fit': 1,
      'volunteer:other': 1,
      'refugee:moved': 1,
      'refugee:no-longer-needs': 1,
      'refugee:did-not-fit': 1,
      'refugee:other': 1,
      'both:completed': 1,
      'both:did-not-fit': 1,
      'both:other': 1,
    });
    expect(figures.total.earlyClosureRate).toBe(1);
    const page = await staffPage(`/personale/tal?omraade=kommune-${k}&fra=${month}&til=${month}`);
    expect(page).toContain('Efter matchet');
    expect(page).toContain('I perioden lukkede 100 % før tid: ikke under linjen endnu.');
    expect(page).toContain('Den frivillige: har ikke tid længere');
  });
});

describe("the coordinators' weekly email", () => {
  it('tells each coordinator their open tasks once a week, and nothing to one without tasks', async () => {
    const stackFile = path.join(projectRoot, '.local', 'test', 'tasks-job-stack.json');
    writeFileSync(stackFile, JSON.stringify(stack));
    const runAt = new Date().toISOString();
    const run = () =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/run-job.ts',
          'coordinator-tasks',
          '--now',
          runAt,
          '--stack-file',
          stackFile,
        ],
        { cwd: projectRoot, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' } },
      );
    const { stdout } = await run();
    expect(stdout).toContain(`Job coordinator-tasks ran as of ${runAt}`);
    await run();
    const [mail] = await waitForEmails(coordinatorEmail);
    expect(await waitForEmails(coordinatorEmail)).toHaveLength(1);
    expect(mail?.subject).toMatch(/^Dine opgaver i Venner denne uge: \d+ opgaver?(, \d+ haster)?$/);
    expect(mail?.body.text).toContain('Bekymringer');
    expect(mail?.body.text).toContain(`${stack.gatewayUrl}/personale/opgaver`);
    // No names in an email: the list behind the sign-in has them.
    expect(mail?.body.html).not.toContain('Amal');
    // The outbox sender had time for a second email to either; none came.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await emailsTo(coordinatorEmail)).toHaveLength(1);
    expect(await emailsTo(quietCoordinatorEmail)).toHaveLength(0);
  });
});

describe('the edges of the six months', () => {
  const k = kommuner.support;

  it("closes a match's tasks and forgets its notes when the refugee withdraws", async () => {
    const { consentId, matchId, volunteer } = await activeMatch(k);
    const matches = matchesRepository(documentClient(), { ...stack.tables });
    await sendFollowUps({ matches, now: () => new Date(Date.now() + 15 * day) }, [k]);
    expect((await matchItem(matchId))?.followUps['2-weeks']).toBeDefined();
    const checkIn = (await waitForEmails(volunteer.email, 3)).find((e) =>
      e.subject.startsWith('Hvordan går'),
    );
    const concern = new URL(linkIn(checkIn as StoredEmail, `${stack.gatewayUrl}/ven/bekymring`));
    await publicForm('/ven/bekymring', {
      ...Object.fromEntries(concern.searchParams),
      note: 'Amal virker bange.',
    });
    const unanswered = `check-in-unanswered#${matchId}#2-weeks`;
    expect((await tasksOf(k, new Date(Date.now() + 30 * day))).map((t) => t.id)).toContain(unanswered);
    const withdrawn = await postJson(`/api/handovers/${consentId}/withdrawal`, caseworker, {
      requestedVia: 'phone',
    });
    expect(withdrawn.status).toBeLessThan(300);
    expect((await tasksOf(k, new Date(Date.now() + 30 * day))).map((t) => t.id)).not.toContain(unanswered);
    const events = await documentClient().send(
      new QueryCommand({
        TableName: stack.tables.matches,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
        ExpressionAttributeValues: { ':pk': `MATCH#${matchId}`, ':event': 'EVENT#' },
      }),
    );
    const note = events.Items?.find((e) => e.kind === 'concern');
    expect(note?.note).toBeUndefined();
    expect(note?.noteErased).toBeDefined();
  });

  it("moves a match's tasks with a corrected kommune", async () => {
    const body = consentedBody({ receivingKommune: k, childrenAges: [16] });
    const created = await postJson('/api/handovers', caseworker, body);
    const consentId = ((await created.json()) as { id: string }).id;
    const friend = await addConfirmedVolunteer({ kommuneCode: k, kind: 'friend' });
    const proposed = await postJson('/api/matches', coordinator, { consentId, volunteerId: friend.id });
    const matchId = ((await proposed.json()) as { id: string }).id;
    const task = `proposal-unanswered#${matchId}`;
    const later = new Date(Date.now() + 6 * day);
    expect((await tasksOf(k, later)).map((t) => t.id)).toContain(task);
    const corrected = await correctHandover(caseworker, consentId, body, {
      receivingKommune: kommuner.closure,
    });
    expect(corrected.status).toBe(200);
    expect((await tasksOf(k, later)).map((t) => t.id)).not.toContain(task);
    expect((await tasksOf(kommuner.closure, later)).find((t) => t.id === task)).toMatchObject({
      kommuneCode: kommuner.closure,
      matchId,
    });
  });

  it('takes no day that does not exist, and a late answer to a closed match asks nobody to act', async () => {
    const { matchId, volunteer } = await activeMatch(k);
    const matches = matchesRepository(documentClient(), { ...stack.tables });
    await sendFollowUps({ matches, now: () => new Date(Date.now() + 15 * day) }, [k]);
    const checkIn = (await waitForEmails(volunteer.email, 3)).find((e) =>
      e.subject.startsWith('Hvordan går'),
    );
    const meeting = new URL(linkIn(checkIn as StoredEmail, `${stack.gatewayUrl}/ven/moede`));
    for (const on of ['2026-02-30', '2026-04-99', 'i går'])
      expect(
        (await publicForm('/ven/moede', { ...Object.fromEntries(meeting.searchParams), on })).status,
        on,
      ).toBe(400);
    expect((await matchItem(matchId))?.meetings).toBeUndefined();
    // Closed first; the volunteer answers "something is difficult" afterwards.
    const ended = await postJson(`/api/matches/${matchId}/actions`, coordinator, {
      action: 'end',
      planned: true,
      endedBy: 'both',
      reason: 'completed',
    });
    expect(ended.status).toBe(200);
    const answer = new URL(linkIn(checkIn as StoredEmail, `${stack.gatewayUrl}/ven/opfoelgning`));
    answer.searchParams.set('svar', 'something-difficult');
    const late = await publicForm('/ven/opfoelgning', Object.fromEntries(answer.searchParams));
    expect(await late.text()).toContain('allerede afsluttet');
    expect((await matchItem(matchId))?.followUps['2-weeks']).toMatchObject({ answer: 'something-difficult' });
    expect((await tasksOf(k, new Date(Date.now() + 30 * day))).map((t) => t.id)).not.toContain(
      `check-in-answer#${matchId}#2-weeks`,
    );
  });

  it('tells a match found past its check-in its own time (the first run after the schedule changed)', async () => {
    const { matchId, volunteer } = await activeMatch(k);
    await documentClient().send(
      new UpdateCommand({
        TableName: stack.tables.matches,
        Key: { pk: `MATCH#${matchId}`, sk: 'MATCH' },
        UpdateExpression: 'SET activeSince = :start',
        ExpressionAttributeValues: { ':start': new Date(Date.now() - 36 * day).toISOString() },
      }),
    );
    const matches = matchesRepository(documentClient(), { ...stack.tables });
    await sendFollowUps({ matches, now: () => new Date() }, [k]);
    const checkIn = (await waitForEmails(volunteer.email, 3)).find((e) =>
      e.subject.startsWith('Hvordan går'),
    );
    expect((await matchItem(matchId))?.followUps['2-weeks']).toBeDefined();
    expect(checkIn?.subject).toBe('Hvordan går jeres venskab efter 5 uger?');
  });

  it('backfills volunteers stored before the tasks once: their first proposal, and the tasks index key', async () => {
    const db = documentClient();
    const old = await addConfirmedVolunteer(
      { kommuneCode: kommuner.quiet, kind: 'friend' },
      { confirmedAt: new Date(Date.now() - 90 * day).toISOString(), screening: undefined },
    );
    // As stored before: no attention key on the item.
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.volunteers,
        Key: { pk: `VOLUNTEER#${old.id}`, sk: 'PROFILE' },
        UpdateExpression: 'REMOVE attentionKommune, attentionOn',
      }),
    );
    expect((await tasksOf(kommuner.quiet)).map((t) => t.volunteerId)).not.toContain(old.id);
    await db.send(
      new DeleteCommand({
        TableName: stack.tables.kommuner,
        Key: { pk: 'SYSTEM', sk: 'MIGRATION#volunteer-task-keys' },
      }),
    );
    const backfill = volunteerBackfill(db, stack.tables);
    expect(await backfillVolunteers(backfill, [kommuner.quiet], new Date())).toBeGreaterThanOrEqual(1);
    expect((await tasksOf(kommuner.quiet)).find((t) => t.volunteerId === old.id)).toMatchObject({
      kind: 'volunteer-unmatched',
      days: 90,
    });
    // Once: the next night reads nothing.
    expect(await backfill.pending()).toBe(false);
    expect(await backfillVolunteers(backfill, [kommuner.quiet], new Date())).toBe(0);
  });
});
