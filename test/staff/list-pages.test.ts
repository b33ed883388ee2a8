import { randomInt } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRecord } from '../../bench/seeded-records.ts';
import { batchWrite } from '../../bench/stack-db.ts';
import { toItem } from '../../functions/adapters/consents-table.ts';
import { referenceOf } from '../../functions/domain/handover-reference.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer } from '../support/matching-fixture.ts';
import { documentClient, request, signIn, stack } from '../support/stack.ts';
import { newStaffUser, postForm, signInWithPage, signInWithPageAs } from '../support/staff.ts';

/**
 * The staff's lists through the gateway, as a browser uses them: search by name (with and
 * without Danish letters), by phone in any format and by the kommune's reference; paging links;
 * the volunteer list and page; matches with both names; and every list within the user's scope.
 */

const letters = 'bcdfghjklmnprstvz';
/** A made-up word, so this run's people are found and nobody else's. */
const tag = () => Array.from({ length: 7 }, () => letters[randomInt(letters.length)]).join('');
const capital = (word: string) => word[0]?.toUpperCase() + word.slice(1);

const surname = tag();
const name = `Søren Ågård ${capital(surname)}`;
const phoneDigits = String(randomInt(20000000, 99999999));
let recordId: string;
let caseworker: string;
let coordinator: string;
let otherCaseworker: string;
let otherCoordinator: string;

const page = async (path: string, cookies: string) => {
  const response = await request(path, { headers: { cookie: cookies } });
  return { status: response.status, text: await response.text() };
};

const search = async (path: string, q: string, cookies: string, fields: Record<string, string> = {}) => {
  const response = await postForm(path, { q, ...fields }, { cookies });
  expect(response.status).toBe(200);
  return response.text();
};

beforeAll(async () => {
  const token = (await signIn('caseworker')).accessToken;
  const created = await postJson(
    '/api/handovers',
    token,
    consentedBody({ name, phone: phoneDigits, receivingKommune: '201' }),
  );
  expect(created.status).toBe(201);
  recordId = ((await created.json()) as { id: string }).id;
  caseworker = await signInWithPage('caseworker');
  coordinator = await signInWithPage('coordinator');
  const elsewhere = await newStaffUser({ role: 'caseworker', centres: ['avnstrup'] });
  otherCaseworker = await signInWithPageAs(elsewhere.username, elsewhere.password);
  const farAway = await newStaffUser({ role: 'coordinator', kommuner: ['851'] });
  otherCoordinator = await signInWithPageAs(farAway.username, farAway.password);
});

describe("the caseworker's search", () => {
  it('finds by name with and without Danish letters, by last name, by phone in any format and by reference', async () => {
    const local = phoneDigits;
    const spaced = `${local.slice(0, 2)} ${local.slice(2, 4)} ${local.slice(4, 6)} ${local.slice(6)}`;
    for (const q of [
      name,
      `soren agard ${surname}`,
      `SOEREN AAGAARD ${surname}`,
      capital(surname),
      spaced,
      `+45 ${spaced}`,
      `0045${local}`,
      `${local.slice(0, 4)}-${local.slice(4)}`,
      referenceOf(recordId),
      referenceOf(recordId).toLowerCase(),
    ]) {
      const text = await search('/personale/overdragelser', q, caseworker);
      expect(text, q).toContain(`/personale/overdragelser/${recordId}`);
      expect(text, q).toContain(name);
    }
  });

  it('finds nothing outside the centres of the caseworker, and says so', async () => {
    for (const q of [`soren agard ${surname}`, phoneDigits, referenceOf(recordId)]) {
      const text = await search('/personale/overdragelser', q, otherCaseworker);
      expect(text, q).not.toContain(recordId);
      expect(text, q).not.toContain(name);
      expect(text, q).toContain('Ingen passer til søgningen');
    }
  });

  it('finds its own record by a phone many others share elsewhere', async () => {
    // 60 records with the same number at another centre (a shared family or centre phone).
    const shared = String(randomInt(20000000, 99999999));
    const db = documentClient();
    const others = Array.from({ length: 60 }, (_, n) => ({
      ...seededRecord({
        id: `others${shared}${String(n).padStart(16, '0')}`.slice(0, 32),
        kommuneCode: '101',
        at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
        interviewDate: '2026-01-01',
        // Shared with the kommune only: in no coordinator's queue, only in the centre's list.
        share: { shareWithVolunteers: false, shareWithKommune: true },
        n,
        person: {
          phone: `+45${shared}`,
          languages: ['arabic'],
          household: 'alone',
          expectedMovingDate: '2026-02-01',
        } as never,
      }),
      centreId: 'avnstrup',
    }));
    await batchWrite(db, stack.tables.consents, others.map(toItem));
    const token = (await signIn('caseworker')).accessToken;
    const mine = await postJson(
      '/api/handovers',
      token,
      consentedBody({ name: `Mona ${capital(tag())}`, phone: shared }),
    );
    const { id } = (await mine.json()) as { id: string };
    const text = await search('/personale/overdragelser', shared, caseworker);
    expect(text).toContain(`/personale/overdragelser/${id}`);
    expect(text).not.toContain('others');
  });

  it('audits a search as a search of the records it found', async () => {
    await search('/personale/overdragelser', capital(surname), caseworker);
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: stack.tables.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `REFUGEE#${recordId}` },
      }),
    );
    expect(Items.some((item) => item.action === 'search')).toBe(true);
  });

  it('keeps the search out of the address and the list paged with where you are', async () => {
    const list = await page('/personale/overdragelser', caseworker);
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/Viser 1(–\d+)? af [\d.]+ overdragelser?</);
    expect(list.text).toContain('<form method="post" action="/personale/overdragelser"');
    expect(list.text).toContain('data-title="Venner-reference"');
    // A filter: only those who wait, for Allerød.
    const filtered = await page('/personale/overdragelser?status=withdrawn&kommune=201&antal=50', caseworker);
    expect(filtered.text).not.toContain(recordId);
    const waiting = await page('/personale/overdragelser?status=waiting&antal=100', caseworker);
    expect(waiting.text).toContain(recordId);
  });

  it('shows the kommune’s reference on the record page', async () => {
    const record = await page(`/personale/overdragelser/${recordId}`, caseworker);
    expect(record.text).toContain('Venner-reference');
    expect(record.text).toContain(referenceOf(recordId));
  });
});

describe("the coordinator's lists", () => {
  it('shows everyone waiting across their kommuner with the total, and finds the refugee by name without Danish letters', async () => {
    const overview = await page('/personale/matching', coordinator);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('Alle dine kommuner');
    expect(overview.text).toContain('Dine kommuner');
    expect(overview.text).toMatch(/Viser 1(–\d+)? af [\d.]+ venter</);
    const text = await search('/personale/matching', `soren agard ${surname}`, coordinator);
    expect(text).toContain(`/personale/matching/flygtning/${recordId}`);
    const byPhone = await search('/personale/matching', `+45 ${phoneDigits}`, coordinator);
    expect(byPhone).toContain(`/personale/matching/flygtning/${recordId}`);
    // The refugee's page gives what the decision needs: the address and the kommune's caseworker too.
    const refugee = await page(`/personale/matching/flygtning/${recordId}`, coordinator);
    for (const fact of ['Skovvej 3, 3450 Allerød', 'Karen Kommune', 'Vil gerne i svømmehallen med børnene.'])
      expect(refugee.text).toContain(fact);
  });

  it('finds nobody for a coordinator of another kommune', async () => {
    for (const q of [`soren agard ${surname}`, phoneDigits, referenceOf(recordId)]) {
      const text = await search('/personale/matching', q, otherCoordinator);
      expect(text, q).not.toContain(recordId);
      expect(text, q).toContain('Ingen passer til søgningen');
    }
    const outside = await postForm(
      '/personale/matching',
      { q: `soren agard ${surname}`, kommune: '201' },
      { cookies: otherCoordinator },
    );
    expect(outside.status).toBe(404);
  });

  it('lists and finds volunteers, opens what they offered, and keeps them within scope', async () => {
    const volunteerSurname = tag();
    const volunteer = await addConfirmedVolunteer({
      name: `Åse Ærø ${capital(volunteerSurname)}`,
      kommuneCode: '201',
      postalCode: '3450',
      languages: ['tigrinya'],
      kind: 'family',
      adults: 2,
      children: 1,
    });
    const unconfirmed = await addConfirmedVolunteer(
      { name: `Åse Ærø ${capital(volunteerSurname)}`, kommuneCode: '201' },
      { unconfirmed: true },
    );
    const found = await search('/personale/matching/frivillige', `ase aero ${volunteerSurname}`, coordinator);
    expect(found).toContain(`/personale/matching/frivillige/${volunteer.id}`);
    expect(found).not.toContain(unconfirmed.id);
    const list = await page(
      '/personale/matching/frivillige?kommune=201&sprog=tigrinya&tilbyder=family&pladser=ledige&klar=ja',
      coordinator,
    );
    expect(list.text).toContain(volunteer.id);
    expect(list.text).toMatch(/Viser 1(–\d+)? af dem, der passer/);
    const detail = await page(`/personale/matching/frivillige/${volunteer.id}`, coordinator);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('Venskabsfamilie (2 voksne, 1 barn)');
    expect(detail.text).toContain('tigrinya');
    expect((await page(`/personale/matching/frivillige/${volunteer.id}`, otherCoordinator)).status).toBe(404);
    expect((await page(`/personale/matching/frivillige/${unconfirmed.id}`, coordinator)).status).toBe(404);
    const theirs = await search(
      '/personale/matching/frivillige',
      `ase aero ${volunteerSurname}`,
      otherCoordinator,
    );
    expect(theirs).not.toContain(volunteer.id);
  });

  it('lists matches with both names and the status', async () => {
    const volunteer = await addConfirmedVolunteer({ name: `Mette ${capital(tag())}`, kommuneCode: '201' });
    const token = (await signIn('coordinator')).accessToken;
    const proposed = await postJson('/api/matches', token, {
      consentId: recordId,
      volunteerId: volunteer.id,
    });
    expect(proposed.status).toBe(201);
    const { id } = (await proposed.json()) as { id: string };
    const list = await page('/personale/matching/match?kommune=201&status=proposed', coordinator);
    const row = list.text.slice(list.text.indexOf(`/personale/matching/match/${id}`));
    expect(row.slice(0, 600)).toContain(name);
    expect(row.slice(0, 900)).toContain(volunteer.name);
    expect(row.slice(0, 1200)).toContain('Foreslået – venter på svar');
    // Where you are, of how many (the kommune's match counters).
    expect(list.text).toMatch(/Viser 1(–\d+)? af [\d.]+ match</);
    const elsewhere = await page('/personale/matching/match', otherCoordinator);
    expect(elsewhere.text).not.toContain(id);
  });
});
