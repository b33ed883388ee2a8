import { describe, expect, it } from 'vitest';
import { privacyNoticeVersion } from '../../shared/volunteer-contract.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  emailsTo,
  linkIn,
  newClientAddress,
  requestFrom,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { kommuneItem, volunteerByEmail, volunteerItem } from '../support/volunteer-items.ts';

/** A client address of its own for this file's single requests; postJson uses a new one each time. */
const client = newClientAddress();

/** Each post from a new client address, so the per-client rate limit (tested on its own below) stays out of the way. */
const postJson = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  requestFrom(newClientAddress(), '/api/volunteers', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/volunteers', () => {
  it('stores an unconfirmed volunteer, emails a confirmation link, and the link confirms them once', async () => {
    const email = uniqueEmail('ase');
    const before = await kommuneItem('751');
    const response = await postJson(signupBody(email));
    expect(response.status).toBe(201);
    const { id, status } = await response.json();
    expect(status).toBe('unconfirmed');

    expect(await volunteerItem(id)).toMatchObject({
      name: 'Åse Nørgaard',
      email,
      phone: '+4520304050',
      kommuneCode: '751',
      status: 'unconfirmed',
      privacyNoticeVersion,
      capacity: 1,
      kommuneStatus: '751#unconfirmed',
      expiresAt: expect.any(Number),
    });

    const [mail] = await waitForEmails(email);
    expect(mail?.subject).toBe('Bekræft din tilmelding som frivillig ven');
    expect(mail?.body.html).toContain('Bekræft min tilmelding');
    expect(mail?.body.text).toContain('Kære Åse');
    expect(mail && linkIn(mail, `${stack.gatewayUrl}/afmeld?token=`)).toBeTruthy();
    const link = new URL(linkIn(mail as never, `${stack.gatewayUrl}/bliv-ven/bekraeft?token=`));
    const token = link.searchParams.get('token') as string;

    // Opening the link only shows a button (mail scanners follow links); the button confirms.
    const page = await requestFrom(client, `${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`value="${token}"`);
    expect((await volunteerItem(id))?.status).toBe('unconfirmed');

    const confirmBody = new URLSearchParams({ token }).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl };
    const confirmed = await requestFrom(client, '/bliv-ven/bekraeft', {
      method: 'POST',
      headers: form,
      body: confirmBody,
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/min-tilmelding?bekraeftet=1');
    expect(confirmed.headers.getSetCookie()[0]).toMatch(
      /^venner_frivillig=[\w-]{43}; Path=\/min-tilmelding; Max-Age=3600; HttpOnly; Secure; SameSite=Strict$/,
    );

    const item = await volunteerItem(id);
    expect(item).toMatchObject({ status: 'confirmed', kommuneStatus: '751#available' });
    expect(item?.expiresAt).toBeUndefined();
    expect((await volunteerByEmail(email))?.expiresAt).toBeUndefined();
    const after = await kommuneItem('751');
    expect(Number(after.availableVolunteers ?? 0)).toBe(Number(before.availableVolunteers ?? 0) + 1);
    expect(Number(after.confirmedVolunteers ?? 0)).toBe(Number(before.confirmedVolunteers ?? 0) + 1);

    const again = await requestFrom(client, '/bliv-ven/bekraeft', {
      method: 'POST',
      headers: form,
      body: confirmBody,
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Linket virker ikke længere');
  });

  it('creates no second record for a known email, answers the same, and emails a link to the existing sign-up', async () => {
    const email = uniqueEmail('twice');
    const first = await (await postJson(signupBody(email))).json();
    const second = await postJson({ ...signupBody(email.toUpperCase()), name: 'Someone Else' });
    expect(second.status).toBe(201);
    const body = await second.json();
    expect(Object.keys(body).sort()).toEqual(['id', 'status']);
    expect(body.status).toBe('unconfirmed');
    // An answer like the first one, with an id of its own: nothing about the existing sign-up leaves.
    expect(body.id).toMatch(/^[\w-]{32}$/);
    expect(body.id).not.toBe(first.id);
    expect(await volunteerItem(body.id)).toBeUndefined();
    expect((await volunteerByEmail(email))?.id).toBe(first.id);
    expect((await volunteerItem(first.id))?.name).toBe('Åse Nørgaard');

    const mails = await waitForEmails(email, 2);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Bekræft din tilmelding som frivillig ven',
      'Du er allerede tilmeldt',
    ]);
    const existing = mails.find((m) => m.subject === 'Du er allerede tilmeldt');
    expect(linkIn(existing as never, `${stack.gatewayUrl}/min-tilmelding/log-ind?token=`)).toBeTruthy();
  });

  it('writes English emails for volunteers who chose English', async () => {
    const email = uniqueEmail('english');
    await postJson({ ...signupBody(email), language: 'en' });
    const [mail] = await waitForEmails(email);
    expect(mail?.subject).toBe('Confirm your sign-up as a volunteer friend');
    expect(mail?.body.text).toContain('Unsubscribe from all emails from Venner');
  });
});

describe('POST /api/volunteers with bad input: a Danish message per field, and nothing stored', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['missing name', { name: undefined }, 'name', 'Skriv dit navn.'],
    ['blank name', { name: '   ' }, 'name', 'Skriv dit navn.'],
    ['too long name', { name: 'x'.repeat(101) }, 'name', 'Navn må højst være 100 tegn.'],
    [
      'invalid email',
      { email: 'ikke-en-adresse' },
      'email',
      'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
    ],
    ['too long email', { email: `${'x'.repeat(250)}@example.dk` }, 'email', 'E-mail må højst være 254 tegn.'],
    [
      'invalid phone',
      { phone: '12345' },
      'phone',
      'Skriv et dansk telefonnummer med 8 cifre, eller et udenlandsk nummer, der begynder med +.',
    ],
    ['unknown kommune code', { kommuneCode: '999' }, 'kommuneCode', 'Vælg en kommune fra listen.'],
    ['invented kommune code', { kommuneCode: '100' }, 'kommuneCode', 'Vælg en kommune fra listen.'],
    [
      'postal code with letters',
      { postalCode: '80OO' },
      'postalCode',
      'Skriv et dansk postnummer med 4 cifre.',
    ],
    ['unknown kind', { kind: 'pet' }, 'kind', 'Vælg en gyldig værdi for ven eller venskabsfamilie.'],
    ['too many adults', { kind: 'family', adults: 11 }, 'adults', 'Antal voksne må højst være 10.'],
    ['negative children', { kind: 'family', children: -1 }, 'children', 'Antal børn skal være mindst 0.'],
    [
      'no languages',
      { languages: [] },
      'languages',
      'Vælg mindst ét sprog, eller skriv dem under „Taler du andre sprog?“.',
    ],
    ['unknown language', { languages: ['klingon'] }, 'languages', 'Vælg en gyldig værdi for sprog.'],
    ['no help chosen', { helpWith: [] }, 'helpWith', 'Vælg mindst én ting, du gerne vil hjælpe med.'],
    [
      'unknown frequency',
      { meetingFrequency: 'daily' },
      'meetingFrequency',
      'Vælg en gyldig værdi for hvor ofte kan i mødes.',
    ],
    ['capacity 0', { capacity: 0 }, 'capacity', 'Antal personer eller familier skal være mindst 1.'],
    ['capacity 6', { capacity: 6 }, 'capacity', 'Antal personer eller familier må højst være 5.'],
    ['capacity as text', { capacity: 'two' }, 'capacity', 'Skriv antal personer eller familier som et tal.'],
    [
      'other association without a name',
      { organisation: 'other-association' },
      'organisationName',
      'Skriv navnet på foreningen.',
    ],
    ['no consent', { consent: false }, 'consent', 'Du skal give samtykke for at kunne blive tilmeldt.'],
    [
      'old privacy notice',
      { privacyNoticeVersion: '2020-01-01' },
      'privacyNoticeVersion',
      'Privatlivserklæringen er blevet opdateret. Læs den nye version og prøv igen.',
    ],
    ['unknown field', { favouriteColour: 'blue' }, 'body', 'Ukendt felt: favouriteColour.'],
    [
      'too long other languages',
      { otherLanguages: 'x'.repeat(201) },
      'otherLanguages',
      'Andre sprog må højst være 200 tegn.',
    ],
  ];

  for (const [label, change, field, message] of cases) {
    it(label, async () => {
      const email = uniqueEmail('bad');
      const body = { ...signupBody(email), ...change };
      const response = await postJson(body);
      expect(response.status).toBe(400);
      const { errors } = await response.json();
      expect(errors).toContainEqual({ field, message });
      expect(await volunteerByEmail(typeof body.email === 'string' ? body.email : email)).toBeUndefined();
      expect(await emailsTo(email)).toEqual([]);
    });
  }

  it('refuses a body that is not JSON', async () => {
    const response = await postJson('{"name": "Åse",');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Indholdet kunne ikke læses. Tjek at det er gyldig JSON.',
    });
  });

  it('refuses another content type with 415', async () => {
    const email = uniqueEmail('form');
    const response = await postJson(new URLSearchParams({ email }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
    expect((await response.json()).message).toBe('Indholdet skal sendes som application/json.');
    expect(await volunteerByEmail(email)).toBeUndefined();
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const email = uniqueEmail('big');
    const response = await postJson({ ...signupBody(email), otherLanguages: 'x'.repeat(17 * 1024) });
    expect(response.status).toBe(413);
    expect((await response.json()).message).toBe('Indholdet er for stort.');
    expect(await volunteerByEmail(email)).toBeUndefined();
  });

  it('refuses JSON that is not an object', async () => {
    for (const body of ['null', '[]', '"text"', '42']) {
      const response = await postJson(body);
      expect(response.status, body).toBe(400);
    }
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has sent more sign-ups than the limit in 10 minutes', async () => {
    const address = newClientAddress();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const emails = Array.from({ length: 21 }, (_, i) => uniqueEmail(`limit${i}`));
    for (const email of emails) {
      const response = await requestFrom(address, '/api/volunteers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signupBody(email)),
      });
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
      if (response.status === 429) {
        expect((await response.json()).message).toContain('Vent lidt');
      }
    }
    expect(statuses.slice(0, 20).every((status) => status === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    // The refused sign-up stored nothing.
    expect(await volunteerByEmail(emails[20] as string)).toBeUndefined();
    expect(await volunteerByEmail(emails[19] as string)).toBeDefined();
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(600);
  });
});
