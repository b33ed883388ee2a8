import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceOf } from '../../functions/domain/handover-reference.ts';
import {
  consentedBody,
  counterItem,
  getJson,
  handoverFormFields,
  handoverItem,
  postJson,
} from '../support/handover-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  documentClient,
  emailsTo,
  request,
  scanAll,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { postForm, signInWithPage } from '../support/staff.ts';
import { outboxItem } from '../support/volunteer-items.ts';

let token: string;
let cookies: string;
beforeAll(async () => {
  token = (await signIn('caseworker')).accessToken;
  cookies = await signInWithPage('caseworker');
});

describe('the handover form: a refugee who says no', () => {
  it('is only counted (centre, kommune, month), once per submission, and nothing personal is stored', async () => {
    const submissionKey = crypto.randomUUID();
    const before = Number((await counterItem('2026-10', 'sandholm', '147')).declined ?? 0);
    const fields = {
      submissionKey,
      centreId: 'sandholm',
      interviewDate: '2026-10-05',
      wantsContact: 'no',
      receivingKommune: '147',
      // Typed before the answer changed to no: never stored.
      name: 'Ikke Gemt Navn',
      phone: '11223344',
    };
    const response = await postForm('/personale/overdragelser/ny', fields, { cookies });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/personale/overdragelser/talt');
    await postForm('/personale/overdragelser/ny', fields, { cookies });
    expect(Number((await counterItem('2026-10', 'sandholm', '147')).declined)).toBe(before + 1);
    const page = await request('/personale/overdragelser/talt', { headers: { cookie: cookies } });
    expect(await page.text()).toContain('ikke gemt personoplysninger');
    for (const table of Object.values(stack.tables)) {
      expect(JSON.stringify(await scanAll(table))).not.toContain('Ikke Gemt Navn');
    }
  });

  it('refuses personal fields in a JSON "no"', async () => {
    const response = await postJson('/api/handovers', token, {
      submissionKey: crypto.randomUUID(),
      centreId: 'sandholm',
      interviewDate: '2026-10-05',
      receivingKommune: '147',
      wantsContact: false,
      name: 'Skal ikke gemmes',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ field: 'body', message: 'Ukendt felt: name.' }],
    });
  });
});

describe('the handover form: a refugee who says yes', () => {
  it('stores the complete consent record, once however often it is submitted, and informs the kommune', async () => {
    const body = consentedBody();
    const first = await postJson('/api/handovers', token, body);
    expect(first.status).toBe(201);
    const { id, status, created } = (await first.json()) as { id: string; status: string; created: boolean };
    expect({ status, created }).toEqual({ status: 'waiting', created: true });
    const replays = await Promise.all([1, 2, 3].map(() => postJson('/api/handovers', token, body)));
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ id, status: 'waiting', created: false });
    }
    const item = await handoverItem(id);
    expect(item).toMatchObject({
      centreId: 'sandholm',
      kommuneCode: '201',
      interviewDate: '2026-11-16',
      status: 'waiting',
      recordedBy: { name: 'Sara Sagsbehandler' },
      consent: {
        noticeVersion: '2026-10-01',
        noticeLanguage: 'arabic',
        interpreterUsed: true,
        consentMethod: 'signed-form',
        shareWithVolunteers: true,
        shareWithKommune: true,
      },
      consentEvents: [{ type: 'given', by: { name: 'Sara Sagsbehandler' } }],
      person: { name: 'Amal Haddad', phone: '+4520304050', childrenAges: [4, 9], household: 'family' },
      kommuneStatus: '201#waiting',
    });
    expect(item?.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const [email] = await waitForEmails(body.kommuneCaseworkerEmail);
    expect(email?.subject).toContain('Allerød');
    expect(email?.body.text).toContain('Amal Haddad');
    expect(email?.body.text).toContain('Telefon: 20 30 40 50');
    expect(email?.body.html).toContain('Skovvej 3');
    await expect.poll(async () => (await outboxItem(`kommune-handover#${id}`))?.status).toBe('sent');
    const view = await (
      await request(`/personale/overdragelser/${id}`, { headers: { cookie: cookies } })
    ).text();
    expect(view).toMatch(/Kommunen har fået besked: Ja, \d/);
    expect(view).toContain('Amal Haddad');
  });

  it('sends the kommune nothing when the refugee did not consent to sharing with it', async () => {
    const body = consentedBody({ shareWithKommune: false });
    const { id } = (await (await postJson('/api/handovers', token, body)).json()) as { id: string };
    expect(await outboxItem(`kommune-handover#${id}`)).toBeUndefined();
  });

  it('records a handover posted with the HTML form and shows it', async () => {
    const body = consentedBody({ name: 'Form Person' });
    const response = await postForm('/personale/overdragelser/ny', handoverFormFields(body), { cookies });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/personale\/overdragelser\/[\w-]{32}\?gemt=1$/);
    const page = await (await request(location, { headers: { cookie: cookies } })).text();
    expect(page).toContain('Overdragelsen er gemt.');
    expect(page).toContain('Form Person');
    expect(page).toContain('børn på 4, 9 år');
  });

  it("shows the kommune's reference on the record, and finds the record by it", async () => {
    const body = consentedBody({ name: `Reference ${crypto.randomUUID().slice(0, 6)}` });
    const { id } = (await (await postJson('/api/handovers', token, body)).json()) as { id: string };
    const reference = referenceOf(id);
    const page = await (
      await request(`/personale/overdragelser/${id}`, { headers: { cookie: cookies } })
    ).text();
    expect(page).toContain('Venner-reference');
    expect(page).toContain(reference);
    const found = await postForm('/personale/overdragelser', [['q', reference.toLowerCase()]], { cookies });
    const list = await found.text();
    expect(list).toContain(String(body.name));
    expect(list).not.toContain('Ingen overdragelser');
  });
});

describe('bad input to the handover', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['a CPR number in the note', { note: 'CPR 010190-1234' }, 'note', 'Skriv aldrig et CPR-nummer.'],
    ['a CPR number in the name', { name: 'Amal 0101901234' }, 'name', 'Skriv aldrig et CPR-nummer.'],
    ['an unknown kommune', { receivingKommune: '999' }, 'receivingKommune', 'Vælg en kommune fra listen.'],
    ['a centre outside the scope', { centreId: 'avnstrup' }, 'centreId', 'dit eget asylcenter'],
    ['no birth year or age', { birthYear: undefined }, 'birthYear', 'Skriv fødselsår eller alder.'],
    [
      'no scope at all',
      { shareWithVolunteers: false, shareWithKommune: false },
      'shareWithVolunteers',
      'Vælg mindst én',
    ],
    [
      'no kommune email while sharing with it',
      { kommuneCaseworkerEmail: undefined },
      'kommuneCaseworkerEmail',
      'Skriv e-mail',
    ],
    ['a bad phone', { phone: '123' }, 'phone', 'telefonnummer'],
    ['a bad date', { expectedMovingDate: '1/12/2026' }, 'expectedMovingDate', 'åååå-mm-dd'],
    ['a too long note', { note: 'x'.repeat(501) }, 'note', 'højst være 500 tegn'],
    ['an unknown field', { cpr: '0101901234' }, 'body', 'Ukendt felt: cpr.'],
    ['no submission key', { submissionKey: undefined }, 'submissionKey', 'indsendelsesnøgle'],
  ];
  for (const [what, overrides, field, message] of cases) {
    it(`answers 400 naming ${field} for ${what}, and stores nothing`, async () => {
      const body = consentedBody(overrides);
      const response = await postJson('/api/handovers', token, body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { errors: { field: string; message: string }[] };
      expect(answer.errors.find((e) => e.field === field)?.message).toContain(message);
      if (typeof body.submissionKey === 'string') {
        const { handoverIdFor } = await import('../../functions/domain/handover.ts');
        expect(await handoverItem(handoverIdFor(body.submissionKey))).toBeUndefined();
      }
    });
  }

  it('answers 415, 413 and 400 for a wrong content type, a huge body and broken JSON', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const wrongType = await request('/api/handovers', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    const huge = await postJson('/api/handovers', token, consentedBody({ note: 'x'.repeat(20_000) }));
    expect(huge.status).toBe(413);
    const broken = await request('/api/handovers', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()) as object).toMatchObject({ message: expect.stringContaining('JSON') });
  });

  it('shows the form again with a summary, inline messages and the values kept', async () => {
    const response = await postForm(
      '/personale/overdragelser/ny',
      {
        submissionKey: crypto.randomUUID(),
        centreId: 'sandholm',
        interviewDate: '2026-11-16',
        wantsContact: 'yes',
        receivingKommune: '201',
        name: 'Bevaret Navn',
        note: 'cpr 010190-1234',
      },
      { cookies },
    );
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Der er fejl i formularen');
    expect(page).toContain('href="#field-phone"');
    expect(page).toContain('value="Bevaret Navn"');
    expect(page).toContain('Skriv aldrig et CPR-nummer.');
    expect(page).toContain('Vælg, hvordan samtykket blev givet.');
  });
});

describe('after the handover', () => {
  let id: string;
  beforeAll(async () => {
    const created = await postJson(
      '/api/handovers',
      token,
      consentedBody({ name: 'Søge Person', phone: '61626364' }),
    );
    id = ((await created.json()) as { id: string }).id;
  });

  it('lists and finds the centre’s handovers (search by POST), and the audit log records the reads', async () => {
    const list = await request('/personale/overdragelser', { headers: { cookie: cookies } });
    expect(await list.text()).toContain('Søge Person');
    const found = await postForm('/personale/overdragelser', { q: 'søge per' }, { cookies });
    const page = await found.text();
    expect(page).toContain('Søge Person');
    expect(page).not.toContain('Amal Haddad');
    const byPhone = await postForm('/personale/overdragelser', { q: '6162 6364' }, { cookies });
    expect(await byPhone.text()).toContain('Søge Person');
    const audit = (await (await getJson(`/api/handovers/${id}/audit`, token)).json()) as {
      entries: { action: string; actor: { name: string } }[];
    };
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'list', 'search']));
  });

  it('corrects a mistake: audited by field name (not value), and a stale version is refused', async () => {
    const form = await (
      await request(`/personale/overdragelser/${id}/ret`, { headers: { cookie: cookies } })
    ).text();
    expect(form).toContain('value="+4561626364"');
    const current = (await (await getJson(`/api/handovers/${id}`, token)).json()) as {
      version: number;
      person: Record<string, unknown>;
    };
    const correction = {
      ...current.person,
      receivingKommune: '201',
      phone: '+4570707070',
      version: current.version,
    };
    const response = await postJson(`/api/handovers/${id}`, token, correction, 'PATCH');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      person: { phone: '+4570707070' },
      version: current.version + 1,
    });
    const stale = await postJson(
      `/api/handovers/${id}`,
      token,
      { ...correction, phone: '+4580808080' },
      'PATCH',
    );
    expect(stale.status).toBe(409);
    const audit = (await (await getJson(`/api/handovers/${id}/audit`, token)).json()) as {
      entries: { action: string; fields?: string[] }[];
    };
    const corrected = audit.entries.find((e) => e.action === 'correct');
    expect(corrected?.fields).toEqual(['phone']);
    expect(JSON.stringify(audit)).not.toContain('70707070');
  });

  it('exports everything stored about the refugee, as JSON and as a page', async () => {
    const response = await getJson(`/api/handovers/${id}/export`, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = (await response.json()) as {
      record: { person: { name: string } };
      audit: { action: string }[];
    };
    expect(data.record.person.name).toBe('Søge Person');
    expect(data.audit.map((e) => e.action)).toContain('export');
    const page = await (
      await request(`/personale/overdragelser/${id}/indsigt`, { headers: { cookie: cookies } })
    ).text();
    expect(page).toContain('Indsigt: alt, hvad vi har gemt');
    expect(page).toContain('Søge Person');
  });
});

describe('withdrawal', () => {
  it('appends the withdrawal, erases every personal detail at once and keeps the counts', async () => {
    const body = consentedBody({ name: 'Trækker Tilbage', interviewDate: '2026-09-10', phone: '31323334' });
    const { id } = (await (await postJson('/api/handovers', token, body)).json()) as { id: string };
    const before = await counterItem('2026-09', 'sandholm', '201');
    const page = await request(`/personale/overdragelser/${id}/tilbagekald`, {
      headers: { cookie: cookies },
    });
    expect(await page.text()).toContain('Trækker Tilbage');
    const missing = await postForm(`/personale/overdragelser/${id}/tilbagekald`, {}, { cookies });
    expect(missing.status).toBe(400);
    const response = await postForm(
      `/personale/overdragelser/${id}/tilbagekald`,
      { requestedVia: 'phone' },
      { cookies },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('personoplysningerne er slettet');
    const item = await handoverItem(id);
    expect(item?.person).toBeUndefined();
    expect(item?.kommuneStatus).toBeUndefined();
    expect(item).toMatchObject({
      status: 'withdrawn',
      consent: { shareWithKommune: true, noticeVersion: '2026-10-01' },
      consentEvents: [{ type: 'given' }, { type: 'withdrawn', requestedVia: 'phone' }],
    });
    for (const table of Object.values(stack.tables)) {
      expect(JSON.stringify(await scanAll(table)), table).not.toContain('Trækker Tilbage');
      expect(JSON.stringify(await scanAll(table)), table).not.toContain(body.phone.replace(/\s/g, ''));
    }
    // The kommune, which had the details, is told to delete them: no name, no reason.
    // (The first email may have been skipped: under load the withdrawal can come before it is sent.)
    await expect
      .poll(
        async () =>
          (await emailsTo(body.kommuneCaseworkerEmail)).some((e) => e.subject.startsWith('Samtykke')),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    const notice = (await emailsTo(body.kommuneCaseworkerEmail)).find((e) =>
      e.subject.startsWith('Samtykke'),
    );
    expect(notice?.subject).toMatch(/^Samtykke trukket tilbage: Venner-reference [\w-]{8}$/);
    expect(notice?.body.text).not.toContain('Trækker Tilbage');
    expect(notice?.body.text).toContain('Slet venligst');
    const after = await counterItem('2026-09', 'sandholm', '201');
    expect(after.consented).toBe(before.consented);
    expect(after.withdrawn).toBe(Number(before.withdrawn ?? 0) + 1);
    const again = await postJson(`/api/handovers/${id}/withdrawal`, token, { requestedVia: 'phone' });
    expect(again.status).toBe(409);
    const audit = (await (await getJson(`/api/handovers/${id}/audit`, token)).json()) as {
      entries: { action: string }[];
    };
    expect(audit.entries.map((e) => e.action)).toContain('withdraw');
  });
});

describe('withdrawal with a match', () => {
  it("ends the refugee's active match in the same request and tells the volunteer only that the contact ended", async () => {
    const volunteerEmail = uniqueEmail('ven');
    const signup = await request('/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(volunteerEmail)),
    });
    expect(signup.status).toBe(201);
    const { id: volunteerId } = (await signup.json()) as { id: string };
    await waitForEmails(volunteerEmail); // the sign-up's confirmation
    const body = consentedBody({ name: 'Matchet Person' });
    const { id } = (await (await postJson('/api/handovers', token, body)).json()) as { id: string };
    const matchId = `m-${id.slice(0, 12)}`;
    const db = documentClient();
    await db.send(
      new PutCommand({
        TableName: stack.tables.matches,
        Item: {
          pk: `MATCH#${matchId}`,
          sk: 'MATCH',
          matchId,
          consentId: id,
          volunteerId,
          kommuneCode: '201',
          status: 'active',
          kommuneStatus: '201#active',
          createdAt: new Date().toISOString(),
        },
      }),
    );
    const response = await postJson(`/api/handovers/${id}/withdrawal`, token, { requestedVia: 'in-person' });
    expect(response.status).toBe(200);
    const match = (
      await db.send(
        new GetCommand({ TableName: stack.tables.matches, Key: { pk: `MATCH#${matchId}`, sk: 'MATCH' } }),
      )
    ).Item;
    expect(match).toMatchObject({
      status: 'ended',
      endReason: 'consent-withdrawn',
      kommuneStatus: '201#ended',
    });
    const [, ended] = await waitForEmails(volunteerEmail, 2);
    expect(ended?.subject).toBe('Din kontakt gennem Venner er ophørt');
    expect(ended?.body.text).not.toContain('Matchet Person');
    expect(ended?.body.text).not.toContain('samtykke');
  });
});
