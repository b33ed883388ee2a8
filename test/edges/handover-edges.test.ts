import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRepository } from '../../functions/adapters/audit-repository.ts';
import { consentsRepository } from '../../functions/adapters/consents-repository.ts';
import { digestSources } from '../../functions/adapters/digest-sources.ts';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { tokensRepository } from '../../functions/adapters/tokens-repository.ts';
import { volunteersRepository } from '../../functions/adapters/volunteers-repository.ts';
import { isoWeekOf } from '../../functions/domain/danish-time.ts';
import { referenceOf } from '../../functions/domain/handover.ts';
import { buildDigest, digestPeriod, type KommuneForDigest } from '../../functions/domain/kommune-digest.ts';
import { proposeMatch } from '../../functions/domain/match-proposal.ts';
import { withdrawConsent } from '../../functions/domain/withdraw-consent.ts';
import {
  consentedBody,
  correctHandover,
  counterItem,
  getJson,
  handoverItem,
  postJson,
  staffToken,
} from '../support/handover-fixture.ts';
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
import { kommuneItem } from '../support/volunteer-items.ts';

/**
 * The edges of a handover's life where a refugee was lost or their data leaked: a corrected
 * receiving kommune, a corrected kommune caseworker, a withdrawal at the moment the volunteer says
 * yes, and one form sent as "no" and then "yes". Against the real local services.
 */

let caseworker: string;
/** Coordinators of one kommune each, to see who sees what after a move. */
const coordinators: Record<string, string> = {};

const subOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sub as string;

beforeAll(async () => {
  caseworker = (await signIn('caseworker')).accessToken;
  for (const code of ['155', '157', '159', '161', '163']) {
    const email = uniqueEmail(`koordinator-${code}`);
    coordinators[code] = await staffToken({ role: 'coordinator', kommuner: [code], email });
    await staffDirectory(documentClient(), stack.tables.staff).remember(
      subOf(coordinators[code] as string),
      email,
      new Date(),
    );
  }
});

const handover = async (overrides: Record<string, unknown> = {}) => {
  const body = consentedBody(overrides);
  const response = await postJson('/api/handovers', caseworker, body);
  expect(response.status).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, body };
};

/** The correction form's JSON twin, as this file's caseworker. */
const correct = (id: string, body: Record<string, unknown>, changes: Record<string, unknown>) =>
  correctHandover(caseworker, id, body, changes);

const digestOf = async (code: string) => {
  const sources = digestSources(documentClient(), stack.tables);
  const now = new Date();
  const { week, monday } = isoWeekOf(new Date(now.getTime() + 7 * 24 * 3600 * 1000));
  const kommune = (await sources.kommune(code)) as KommuneForDigest;
  return buildDigest(sources, kommune, week, digestPeriod(monday), now);
};

const waitForSubject = async (address: string, start: string) => {
  await expect
    .poll(async () => (await emailsTo(address)).some((m) => m.subject.startsWith(start)), { timeout: 10_000 })
    .toBe(true);
  return (await emailsTo(address)).find((m) => m.subject.startsWith(start)) as StoredEmail;
};

const waitForSent = async (key: string) =>
  expect
    .poll(async () => (await getItem(stack.tables.outbox, { pk: `EMAIL#${key}`, sk: 'EMAIL' }))?.status, {
      timeout: 10_000,
    })
    .toBe('sent');

describe('the receiving kommune corrected after the handover', () => {
  it('moves a waiting refugee, their counters, queue entry and digests; the old kommune is told to delete', async () => {
    const oldCaseworker = uniqueEmail('sagsbehandler-dragoer');
    const newCaseworker = uniqueEmail('sagsbehandler-gentofte');
    const { id, body } = await handover({
      receivingKommune: '155',
      name: 'Flyttet Person',
      kommuneCaseworkerEmail: oldCaseworker,
    });
    await waitForSent(`kommune-handover#${id}`);
    const before = { old: await kommuneItem('155'), next: await kommuneItem('157') };
    expect((await digestOf('155')).newArrivals.map((a) => a.reference)).toContain(referenceOf(id));

    const response = await correct(id, body, {
      receivingKommune: '157',
      kommuneCaseworkerEmail: newCaseworker,
      kommuneCaseworkerName: 'Gitte Gentofte',
    });
    expect(response.status).toBe(200);

    expect(await handoverItem(id)).toMatchObject({
      kommuneCode: '157',
      kommuneStatus: '157#waiting',
      kommuneShare: '157',
      status: 'waiting',
      kommuneRecipients: [
        { kommuneCode: '155', email: oldCaseworker },
        { kommuneCode: '157', email: newCaseworker, name: 'Gitte Gentofte' },
      ],
    });
    const after = { old: await kommuneItem('155'), next: await kommuneItem('157') };
    expect(Number(after.old.waitingRefugees)).toBe(Number(before.old.waitingRefugees) - 1);
    expect(Number(after.next.waitingRefugees ?? 0)).toBe(Number(before.next.waitingRefugees ?? 0) + 1);

    // The old kommune's digest never shows them again; the new one's does.
    const oldDigest = await digestOf('155');
    expect(oldDigest.newArrivals.map((a) => a.reference)).not.toContain(referenceOf(id));
    expect(oldDigest.waiting.map((w) => w.reference)).not.toContain(referenceOf(id));
    const newDigest = await digestOf('157');
    expect(newDigest.newArrivals.map((a) => a.reference)).toContain(referenceOf(id));
    expect(newDigest.waiting.map((w) => w.reference)).toContain(referenceOf(id));

    // The old kommune's caseworker is told, without details; the new one gets the details.
    const moved = await waitForSubject(oldCaseworker, 'Flytter ikke til Dragør');
    expect(moved.body.text).toContain(referenceOf(id));
    expect(moved.body.text).toContain('Slet venligst de oplysninger');
    for (const secret of ['Flyttet Person', 'Gentofte', '20 30 40 50', '+4520304050'])
      expect(moved.body.text).not.toContain(secret);
    const details = await waitForSubject(newCaseworker, 'Ny borger til Gentofte');
    expect(details.body.text).toContain('Flyttet Person');
    expect(details.body.text).toContain('Kære Gitte Gentofte');

    // The new kommune's coordinators see the refugee; the old kommune's no longer do.
    expect((await getJson(`/api/matching/refugees/${id}`, coordinators['157'] as string)).status).toBe(200);
    expect((await getJson(`/api/matching/refugees/${id}`, coordinators['155'] as string)).status).toBe(404);
  });

  it('moves a refugee back and forth without a 5xx, telling each kommune each time', async () => {
    const dragoer = uniqueEmail('sagsbehandler-frem');
    const gentofte = uniqueEmail('sagsbehandler-tilbage');
    const { id, body } = await handover({ receivingKommune: '155', kommuneCaseworkerEmail: dragoer });
    await waitForSent(`kommune-handover#${id}`);
    const moves: [string, string][] = [
      ['157', gentofte],
      ['155', dragoer],
      ['157', gentofte],
    ];
    for (const [kommune, address] of moves) {
      const response = await correct(id, body, {
        receivingKommune: kommune,
        kommuneCaseworkerEmail: address,
      });
      expect(response.status, kommune).toBe(200);
      // Each move's details email goes out before the next move (as a kommune would have it).
      await expect
        .poll(async () => (await emailsTo(address)).filter((m) => m.subject.startsWith('Ny borger')).length)
        .toBeGreaterThanOrEqual(1);
    }
    expect(await handoverItem(id)).toMatchObject({ kommuneCode: '157', kommuneStatus: '157#waiting' });
    await expect
      .poll(async () => (await emailsTo(dragoer)).filter((m) => m.subject.startsWith('Flytter ikke')).length)
      .toBe(2);
  });

  it('moves an active match with them: the new kommune coordinates it, the old one no longer sees it', async () => {
    const { id, body } = await handover({ receivingKommune: '159', shareWithKommune: false });
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '159' });
    const proposed = await postJson('/api/matches', coordinators['159'] as string, {
      consentId: id,
      volunteerId: volunteer.id,
    });
    expect(proposed.status).toBe(201);
    const matchId = ((await proposed.json()) as { id: string }).id;
    const [proposal] = await waitForEmails(volunteer.email);
    expect((await answerFromLink(linkIn(proposal as StoredEmail, 'http'), 'accept')).status).toBe(200);
    expect((await digestOf('159')).activeMatches).toBeGreaterThanOrEqual(1);
    const activeBefore = (await digestOf('161')).activeMatches;

    const response = await correct(id, body, { receivingKommune: '161', kommuneCaseworkerEmail: undefined });
    expect(response.status).toBe(200);

    expect(await getItem(stack.tables.matches, { pk: `MATCH#${matchId}`, sk: 'MATCH' })).toMatchObject({
      kommuneCode: '161',
      kommuneStatus: '161#active',
      status: 'active',
    });
    expect(await handoverItem(id)).toMatchObject({ kommuneCode: '161', status: 'matched' });
    expect((await getJson(`/api/matches/${matchId}`, coordinators['161'] as string)).status).toBe(200);
    expect((await getJson(`/api/matches/${matchId}`, coordinators['159'] as string)).status).toBe(404);
    expect((await digestOf('161')).activeMatches).toBe(activeBefore + 1);
  });
});

describe('the kommune caseworker corrected after the first one got the details', () => {
  it('sends the details to the new address, and on withdrawal tells every address to delete them', async () => {
    const first = uniqueEmail('forkert-sagsbehandler');
    const second = uniqueEmail('rigtig-sagsbehandler');
    const { id, body } = await handover({ receivingKommune: '155', kommuneCaseworkerEmail: first });
    await waitForSent(`kommune-handover#${id}`);
    expect((await correct(id, body, { kommuneCaseworkerEmail: second })).status).toBe(200);
    await waitForSubject(second, 'Ny borger til Dragør');
    expect((await emailsTo(first)).filter((m) => m.subject.startsWith('Flytter'))).toHaveLength(0);
    // The record says who has the details.
    const page = await request(`/personale/overdragelser/${id}`, {
      headers: { authorization: `Bearer ${caseworker}` },
    });
    const html = await page.text();
    expect(html).toContain('Har fået oplysningerne');
    expect(html).toContain(first);
    expect(html).toContain(second);

    const withdrawn = await postJson(`/api/handovers/${id}/withdrawal`, caseworker, {
      requestedVia: 'phone',
    });
    expect(withdrawn.status).toBe(200);
    for (const address of [first, second]) {
      const notice = await waitForSubject(address, 'Samtykke trukket tilbage');
      expect(notice.body.text).toContain(referenceOf(id));
      expect(notice.body.text).not.toContain('Amal');
    }
    const record = await handoverItem(id);
    expect(record?.person).toBeUndefined();
    expect(record?.kommuneRecipients).toHaveLength(2);
  });
});

describe('a withdrawal at the moment the volunteer says yes', () => {
  it('never answers 5xx, and the withdrawal always wins in full', async () => {
    for (let round = 0; round < 6; round++) {
      const { id } = await handover({ receivingKommune: '163' });
      const volunteer = await addConfirmedVolunteer({ kommuneCode: '163' });
      const proposed = await postJson('/api/matches', coordinators['163'] as string, {
        consentId: id,
        volunteerId: volunteer.id,
      });
      const matchId = ((await proposed.json()) as { id: string }).id;
      const [proposal] = await waitForEmails(volunteer.email);
      const link = new URL(linkIn(proposal as StoredEmail, 'http'));
      const answer = () =>
        fetch(`${stack.gatewayUrl}/ven/forslag`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
          body: new URLSearchParams({
            match: link.searchParams.get('match') ?? '',
            token: link.searchParams.get('token') ?? '',
            answer: 'accept',
          }).toString(),
        });
      const [withdrawal, accepted] = await Promise.all([
        postJson(`/api/handovers/${id}/withdrawal`, caseworker, { requestedVia: 'phone' }),
        answer(),
      ]);
      expect(withdrawal.status, `round ${round}: ${await withdrawal.clone().text()}`).toBe(200);
      expect([200, 410], `round ${round}`).toContain(accepted.status);
      const record = await handoverItem(id);
      expect(record).toMatchObject({ status: 'withdrawn' });
      expect(record?.person).toBeUndefined();
      expect(await getItem(stack.tables.matches, { pk: `MATCH#${matchId}`, sk: 'MATCH' })).toMatchObject({
        status: 'ended',
        endReason: 'consent-withdrawn',
      });
      const v = await getItem(stack.tables.volunteers, { pk: `VOLUNTEER#${volunteer.id}`, sk: 'PROFILE' });
      expect(v?.activeMatches, `round ${round}`).toBe(0);
    }
  }, 60_000);
});

describe('a withdrawal at the moment a coordinator proposes (an index that has not caught up)', () => {
  it('ends the new proposal too, gives the volunteer their place back and counts the queue once', async () => {
    const db = documentClient();
    const { id } = await handover({ receivingKommune: '163' });
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '163' });
    const waitingBefore = Number((await kommuneItem('163')).waitingRefugees ?? 0);
    const matches = matchesRepository(db, stack.tables);
    const audit = auditRepository(db, stack.tables.audit);
    const now = () => new Date();
    const actor = {
      sub: 'coordinator-sub',
      name: 'koordinator@venner.local',
      roles: ['coordinator'] as const,
      centres: [],
      kommuner: ['163'],
    };
    let proposed: string | undefined;
    const deps = {
      handovers: consentsRepository(db, stack.tables),
      // The first lookup: the proposal lands just after the withdrawal read the record, and the
      // index does not list it yet.
      matches: {
        openMatchesOf: async (handoverId: string, currentMatchId?: string) => {
          if (!proposed) {
            proposed = (
              await proposeMatch(
                {
                  matches,
                  records: consentsRepository(db, stack.tables),
                  volunteers: volunteersRepository(db, stack.tables.volunteers),
                  audit,
                  tokens: tokensRepository(db, stack.tables.tokens),
                  now,
                },
                actor,
                id,
                volunteer.id,
              )
            ).id;
            return [];
          }
          return matches.openMatchesOf(handoverId, currentMatchId);
        },
      },
      volunteers: volunteersRepository(db, stack.tables.volunteers),
      audit,
      emails: { mayHaveBeenSent: async () => true },
      now,
    };
    const caseworkerActor = {
      sub: 'caseworker-sub',
      name: 'sagsbehandler@venner.local',
      roles: ['caseworker'] as const,
      centres: ['sandholm'],
      kommuner: [],
    };
    const withdrawn = await withdrawConsent(deps, id, 'phone', caseworkerActor);
    expect(withdrawn.status).toBe('withdrawn');
    expect(await getItem(stack.tables.matches, { pk: `MATCH#${proposed}`, sk: 'MATCH' })).toMatchObject({
      status: 'ended',
      endReason: 'consent-withdrawn',
    });
    const v = await getItem(stack.tables.volunteers, { pk: `VOLUNTEER#${volunteer.id}`, sk: 'PROFILE' });
    expect(v?.activeMatches).toBe(0);
    // Proposed (−1), then withdrawn: not once more.
    expect(Number((await kommuneItem('163')).waitingRefugees ?? 0)).toBe(waitingBefore - 1);
  });
});

describe('one form sent as "no" and then as "yes"', () => {
  it('counts one interview: the "yes" takes the "no" back', async () => {
    const submissionKey = randomUUID();
    const month = '2026-09';
    const before = await counterItem(month, 'sandholm', '165');
    const declined = await postJson('/api/handovers', caseworker, {
      submissionKey,
      centreId: 'sandholm',
      interviewDate: `${month}-14`,
      receivingKommune: '165',
      wantsContact: false,
    });
    expect(declined.status).toBe(201);
    expect(Number((await counterItem(month, 'sandholm', '165')).declined ?? 0)).toBe(
      Number(before.declined ?? 0) + 1,
    );
    const consented = await postJson(
      '/api/handovers',
      caseworker,
      consentedBody({ submissionKey, interviewDate: `${month}-14`, receivingKommune: '165' }),
    );
    expect(consented.status).toBe(201);
    const counts = await counterItem(month, 'sandholm', '165');
    expect(Number(counts.declined ?? 0)).toBe(Number(before.declined ?? 0));
    expect(Number(counts.consented ?? 0)).toBe(Number(before.consented ?? 0) + 1);

    // And then "no" once more: refused, nothing counted twice; the record stands.
    const again = await postJson('/api/handovers', caseworker, {
      submissionKey,
      centreId: 'sandholm',
      interviewDate: `${month}-14`,
      receivingKommune: '165',
      wantsContact: false,
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toContain('allerede gemt med samtykke');
    expect(await counterItem(month, 'sandholm', '165')).toMatchObject({
      declined: counts.declined,
      consented: counts.consented,
    });
  });

  it('takes back a "no" counted under another kommune too', async () => {
    const submissionKey = randomUUID();
    const month = '2026-08';
    const before = await counterItem(month, 'sandholm', '167');
    await postJson('/api/handovers', caseworker, {
      submissionKey,
      centreId: 'sandholm',
      interviewDate: `${month}-03`,
      receivingKommune: '167',
      wantsContact: false,
    });
    const consented = await postJson(
      '/api/handovers',
      caseworker,
      consentedBody({ submissionKey, interviewDate: `${month}-03`, receivingKommune: '169' }),
    );
    expect(consented.status).toBe(201);
    expect(Number((await counterItem(month, 'sandholm', '167')).declined ?? 0)).toBe(
      Number(before.declined ?? 0),
    );
    expect(Number((await counterItem(month, 'sandholm', '169')).consented ?? 0)).toBeGreaterThanOrEqual(1);
  });
});
