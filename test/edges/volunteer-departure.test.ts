import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { tokensRepository } from '../../functions/adapters/tokens-repository.ts';
import { volunteersRepository } from '../../functions/adapters/volunteers-repository.ts';
import { emailGuardKey, volunteerKey } from '../../functions/adapters/volunteers-table.ts';
import { proposalTimings } from '../../functions/domain/match.ts';
import { manageProposals } from '../../functions/domain/match-proposals-job.ts';
import { issueToken } from '../../functions/domain/tokens.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { localFunctionEnvironment, sourceHandlerLoader } from '../../scripts/local/local-stack.ts';
import { invokeJob } from '../../scripts/local/scheduler.ts';
import { consentedBody, getJson, handoverItem, postJson, staffToken } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
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
import { kommuneItem } from '../support/volunteer-items.ts';

/**
 * The edges of a match's life where a refugee used to be lost: the volunteer erases their data
 * while a match or a proposal is open, or never answers a proposal. Each refugee must come back
 * on the waiting list, at their place, with the coordinator told; against the real local services.
 */

let caseworker: string;
let coordinator: string;
const coordinatorEmail = uniqueEmail('koordinator-edges');
const kommuner = ['151', '153'];

const subOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sub as string;

beforeAll(async () => {
  caseworker = (await signIn('caseworker')).accessToken;
  coordinator = await staffToken({ role: 'coordinator', kommuner, email: coordinatorEmail });
  await staffDirectory(documentClient(), stack.tables.staff).remember(
    subOf(coordinator),
    coordinatorEmail,
    new Date(),
  );
});

const handover = async (kommune: string, overrides: Record<string, unknown> = {}) => {
  const response = await postJson(
    '/api/handovers',
    caseworker,
    consentedBody({ receivingKommune: kommune, ...overrides }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const propose = async (consentId: string, volunteerId: string) => {
  const response = await postJson('/api/matches', coordinator, { consentId, volunteerId });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const matchItem = (id: string) => getItem(stack.tables.matches, { pk: `MATCH#${id}`, sk: 'MATCH' });

const proposalEmails = async (v: Volunteer, count = 1) =>
  (await waitForEmails(v.email, count)).filter((m) => m.subject.includes('ven med en ny borger'));

/** A self-service session for the volunteer, as their confirmation link would open one. */
const sessionCookie = async (v: Volunteer) =>
  `venner_frivillig=${await issueToken(tokensRepository(documentClient(), stack.tables.tokens), 'session', v.id, new Date())}`;

const leave = async (v: Volunteer) => {
  const response = await postForm(
    '/min-tilmelding',
    { action: 'delete', confirmDelete: 'yes' },
    { cookies: await sessionCookie(v) },
  );
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/min-tilmelding/slettet');
};

const waitingOrder = async (kommune: string) => {
  const response = await getJson(`/api/matching/kommuner/${kommune}`, coordinator);
  expect(response.status).toBe(200);
  return ((await response.json()) as { waiting: { id: string }[] }).waiting.map((r) => r.id);
};

const coordinatorMail = async (subject: string) => {
  const mails = await waitForEmails(coordinatorEmail, 1);
  await expect
    .poll(async () => (await emailsTo(coordinatorEmail)).some((m) => m.subject.startsWith(subject)), {
      timeout: 10_000,
    })
    .toBe(true);
  return (await emailsTo(coordinatorEmail)).find((m) => m.subject.startsWith(subject)) ?? mails[0];
};

const day = 24 * 3600 * 1000;

describe('a volunteer who erases their data while a match is active', () => {
  it('ends the match, puts the refugee back on the waiting list at their place, tells the coordinator', async () => {
    const first = await handover('151', { name: 'Først Ventende' });
    const later = await handover('151', { name: 'Senere Ventende' });
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '151', languages: ['arabic'] });
    const matchId = await propose(first, volunteer.id);
    const [proposal] = await proposalEmails(volunteer);
    expect((await answerFromLink(linkIn(proposal as StoredEmail, 'http'), 'accept')).status).toBe(200);
    expect((await matchItem(matchId))?.status).toBe('active');
    const before = await handoverItem(first);
    expect(before?.status).toBe('matched');
    const waitingBefore = Number((await kommuneItem('151')).waitingRefugees ?? 0);

    await leave(volunteer);

    expect(await getItem(stack.tables.volunteers, volunteerKey(volunteer.id))).toBeUndefined();
    expect(await getItem(stack.tables.volunteers, emailGuardKey(volunteer.email))).toBeUndefined();
    expect(await matchItem(matchId)).toMatchObject({
      status: 'ended',
      endReason: 'volunteer-left',
      kommuneStatus: '151#ended',
      endedAt: expect.any(String),
    });
    const record = await handoverItem(first);
    expect(record).toMatchObject({
      status: 'waiting',
      kommuneStatus: '151#waiting',
      // Their place by the original handover, not at the back of the list.
      waitingSince: before?.recordedAt,
      retention: 'personal-data',
    });
    expect(record?.currentMatchId).toBeUndefined();
    // The retention clock starts again, as on any return to the waiting list.
    expect(Date.parse(String(record?.eraseAfter))).toBeGreaterThan(Date.now() + 300 * day);
    expect(Number((await kommuneItem('151')).waitingRefugees ?? 0)).toBe(waitingBefore + 1);
    const order = await waitingOrder('151');
    expect(order.indexOf(first)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(first)).toBeLessThan(order.indexOf(later));

    const mail = await coordinatorMail('Den frivillige har forladt Venner');
    expect(mail?.body.text).toContain('står igen på ventelisten i Ballerup på sin oprindelige plads');
    expect(mail?.body.text).not.toContain('Først Ventende');

    // The coordinator's match page says what happened; the refugee can be matched again.
    const page = await request(`/personale/matching/match/${matchId}`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Afsluttet');
    expect(html).toContain('Den frivillige har forladt Venner');
    const another = await addConfirmedVolunteer({ kommuneCode: '151' });
    expect(await propose(first, another.id)).toMatch(/^[\w-]{32}$/);
  });
});

describe('a volunteer who erases their data with a proposal open', () => {
  it('cancels the proposal at once and the refugee waits again; the old answer link no longer works', async () => {
    const refugee = await handover('151');
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '151' }, {});
    const matchId = await propose(refugee, volunteer.id);
    const [proposal] = await proposalEmails(volunteer);
    expect((await handoverItem(refugee))?.status).toBe('proposed');

    await leave(volunteer);

    expect(await matchItem(matchId)).toMatchObject({ status: 'cancelled', endReason: 'volunteer-left' });
    expect(await handoverItem(refugee)).toMatchObject({ status: 'waiting', kommuneStatus: '151#waiting' });
    const link = new URL(linkIn(proposal as StoredEmail, 'http'));
    expect((await request(`${link.pathname}${link.search}`)).status).toBe(410);
  });

  it('ends a match and a proposal of a volunteer with two places in one go', async () => {
    const one = await handover('151');
    const two = await handover('151');
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '151', capacity: 2 });
    const active = await propose(one, volunteer.id);
    const [proposal] = await proposalEmails(volunteer);
    expect((await answerFromLink(linkIn(proposal as StoredEmail, 'http'), 'accept')).status).toBe(200);
    const open = await propose(two, volunteer.id);
    const waitingBefore = Number((await kommuneItem('151')).waitingRefugees ?? 0);

    await leave(volunteer);

    expect((await matchItem(active))?.status).toBe('ended');
    expect((await matchItem(open))?.status).toBe('cancelled');
    expect((await handoverItem(one))?.status).toBe('waiting');
    expect((await handoverItem(two))?.status).toBe('waiting');
    expect(Number((await kommuneItem('151')).waitingRefugees ?? 0)).toBe(waitingBefore + 2);
  });

  it('refuses a yes from a volunteer who is gone, whatever their link says', async () => {
    const refugee = await handover('151');
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '151' });
    const matchId = await propose(refugee, volunteer.id);
    const [proposal] = await proposalEmails(volunteer);
    // Gone without their proposal being ended (an index that had not caught up when they left).
    const db = documentClient();
    await db.send(new DeleteCommand({ TableName: stack.tables.volunteers, Key: volunteerKey(volunteer.id) }));
    const link = new URL(linkIn(proposal as StoredEmail, 'http'));
    const answered = await request('/ven/forslag', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
      body: new URLSearchParams({
        match: link.searchParams.get('match') ?? '',
        token: link.searchParams.get('token') ?? '',
        answer: 'accept',
      }).toString(),
    });
    expect(answered.status).toBe(410);
    expect((await matchItem(matchId))?.status).toBe('proposed');
    expect((await handoverItem(refugee))?.status).toBe('proposed');
  });

  it('lets a volunteer leave whose refugee withdrew meanwhile, without putting the refugee back', async () => {
    const refugee = await handover('151');
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '151' });
    const matchId = await propose(refugee, volunteer.id);
    const withdrawn = await postJson(`/api/handovers/${refugee}/withdrawal`, caseworker, {
      requestedVia: 'phone',
    });
    expect(withdrawn.status).toBe(200);
    await leave(volunteer);
    expect((await matchItem(matchId))?.endReason).toBe('consent-withdrawn');
    expect((await handoverItem(refugee))?.status).toBe('withdrawn');
    expect(await getItem(stack.tables.volunteers, volunteerKey(volunteer.id))).toBeUndefined();
  });
});

describe('a proposal nobody answers', () => {
  const deps = () => {
    const db = documentClient();
    return {
      matches: matchesRepository(db, stack.tables),
      volunteers: volunteersRepository(db, stack.tables.volunteers),
    };
  };

  it(`reminds the volunteer once after ${proposalTimings.remindAfterDays} days and lapses after ${proposalTimings.lapseAfterDays}, the refugee waiting again`, async () => {
    const refugee = await handover('153');
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '153' });
    const matchId = await propose(refugee, volunteer.id);
    const [proposal] = await proposalEmails(volunteer);
    const proposedAt = Date.parse(String((await matchItem(matchId))?.proposedAt));
    const run = (at: number) => manageProposals({ ...deps(), now: () => new Date(at) }, ['153']);

    expect(await run(proposedAt + 3 * day)).toMatchObject({ reminded: 0, lapsed: 0 });
    expect(await run(proposedAt + 4 * day + 3600_000)).toMatchObject({ reminded: 1, lapsed: 0 });
    expect(await run(proposedAt + 5 * day)).toMatchObject({ reminded: 0, lapsed: 0 });
    const mails = await waitForEmails(volunteer.email, 2);
    const reminders = mails.filter((m) => m.subject.startsWith('Påmindelse'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body.text).toContain('Forslaget står åbent til og med');
    expect((await matchItem(matchId))?.reminderSentAt).toEqual(expect.any(String));

    const waitingBefore = Number((await kommuneItem('153')).waitingRefugees ?? 0);
    expect(await run(proposedAt + 7 * day + 3600_000)).toMatchObject({ lapsed: 1 });
    expect(await run(proposedAt + 8 * day)).toMatchObject({ reminded: 0, lapsed: 0 });
    expect(await matchItem(matchId)).toMatchObject({ status: 'lapsed', kommuneStatus: '153#lapsed' });
    expect(await handoverItem(refugee)).toMatchObject({ status: 'waiting', kommuneStatus: '153#waiting' });
    expect(Number((await kommuneItem('153')).waitingRefugees ?? 0)).toBe(waitingBefore + 1);
    expect((await getItem(stack.tables.volunteers, volunteerKey(volunteer.id)))?.activeMatches).toBe(0);
    const mail = await coordinatorMail('Forslaget udløb uden svar');
    expect(mail?.body.text).toContain('står igen på ventelisten i Brøndby');
    // The volunteer's links no longer answer the proposal.
    const link = new URL(linkIn(proposal as StoredEmail, 'http'));
    expect((await request(`${link.pathname}${link.search}`)).status).toBe(410);
    expect((await matchItem(matchId))?.status).toBe('lapsed');
    // Exactly once: one reminder and one notice, however often the job ran.
    expect((await emailsTo(volunteer.email)).filter((m) => m.subject.startsWith('Påmindelse'))).toHaveLength(
      1,
    );
  });

  it('is wired as the daily job of the schedule table, which changes nothing for a fresh proposal', async () => {
    Object.assign(process.env, localFunctionEnvironment(stack), { POWERTOOLS_LOG_LEVEL: 'ERROR' });
    const refugee = await handover('153');
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '153' });
    const matchId = await propose(refugee, volunteer.id);
    const report = (await invokeJob(sourceHandlerLoader, 'match-proposals', new Date())) as {
      kommuner: number;
      openProposals: number;
    };
    expect(report.kommuner).toBe(98);
    expect(report.openProposals).toBeGreaterThanOrEqual(1);
    expect((await matchItem(matchId))?.status).toBe('proposed');
  });
});
