import { describe, expect, it } from 'vitest';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { cprVariants, refusedNames } from '../support/hostile-text.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  newClientAddress,
  request,
  requestFrom,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';

/**
 * Text people type that tries to get past the rules: CPR numbers written so the old pattern missed
 * them, names with line breaks or bidi overrides, names of nothing visible, addresses with Danish
 * letters in the domain (fine) or look-alike letters (not fine), form fields named after
 * Object.prototype, and a cookie that is not percent-encoded.
 */

describe('CPR numbers however they are written', () => {
  it('refuses each variant in a handover note and name with the Danish message, and stores nothing', async () => {
    const { accessToken } = await signIn('caseworker');
    for (const variant of cprVariants) {
      for (const field of ['note', 'name', 'newAddress']) {
        const body = consentedBody({ [field]: field === 'name' ? `Amal ${variant}` : variant });
        const response = await postJson('/api/handovers', accessToken, body);
        expect(response.status, `${field}: ${variant}`).toBe(400);
        const { errors } = (await response.json()) as { errors: { field: string; message: string }[] };
        expect(errors, `${field}: ${variant}`).toContainEqual({
          field,
          message: 'Skriv aldrig et CPR-nummer. Fjern tallet, og prøv igen.',
        });
      }
    }
  });
});

describe('names and free text', () => {
  it('refuses each in the public sign-up (JSON and form) with a Danish field message', async () => {
    for (const [what, name, problem] of refusedNames) {
      const json = await requestFrom(newClientAddress(), '/api/volunteers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signupBody(uniqueEmail('name'), { name })),
      });
      expect(json.status, what).toBe(400);
      const { errors } = (await json.json()) as { errors: { field: string; message: string }[] };
      expect(errors, what).toContainEqual({
        field: 'name',
        message:
          problem === 'control'
            ? 'Feltet indeholder tegn, der ikke kan bruges her (fx linjeskift eller skjulte styretegn). Skriv teksten igen.'
            : 'Skriv navnet med bogstaver.',
      });
    }
    const fields = Object.entries({ ...signupBody(uniqueEmail('form')), name: 'Åse\r\nVIGTIGT' }).flatMap(
      ([name, value]): [string, string][] =>
        Array.isArray(value) ? value.map((v) => [name, String(v)]) : [[name, String(value)]],
    );
    const form = await requestFrom(newClientAddress(), '/bliv-ven', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
      body: new URLSearchParams([...fields, ['renderedAt', String(Date.now() - 60_000)]]).toString(),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Feltet indeholder tegn, der ikke kan bruges her');
  });

  it('refuses each in a handover (the refugee and the kommune caseworker)', async () => {
    const { accessToken } = await signIn('caseworker');
    for (const [what, name] of refusedNames) {
      for (const field of ['name', 'kommuneCaseworkerName']) {
        const response = await postJson('/api/handovers', accessToken, consentedBody({ [field]: name }));
        expect(response.status, `${field}: ${what}`).toBe(400);
        const { errors } = (await response.json()) as { errors: { field: string }[] };
        expect(errors.map((e) => e.field)).toContain(field);
      }
    }
  });
});

describe('email addresses', () => {
  it('signs up a volunteer at an IDN domain and emails them at its ASCII form', async () => {
    const local = uniqueEmail('idn').split('@')[0] as string;
    const response = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(`${local}@Søren.dk`)),
    });
    expect(response.status).toBe(201);
    const [mail] = await waitForEmails(`${local}@xn--sren-gra.dk`);
    expect(mail?.subject).toBe('Bekræft din tilmelding som frivillig ven');
  });

  it('refuses a look-alike domain at sign-up with the Danish email message', async () => {
    const response = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody('anne@exаmple.dk')),
    });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(errors).toContainEqual({
      field: 'email',
      message: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
    });
  });
});

describe('requests built to break the parsers', () => {
  const prototypeNames = [
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '__proto__',
    'isPrototypeOf',
  ];
  const formPosts = [
    '/ven/opfoelgning',
    '/ven/forslag',
    '/bliv-ven',
    '/bliv-ven/bekraeft',
    '/min-tilmelding',
    '/min-tilmelding/send-link',
    '/min-tilmelding/log-ind',
    '/afmeld',
    '/personale/log-ind',
    '/personale/log-ud',
  ];

  it('answers form fields named after Object.prototype without a 5xx', async () => {
    for (const path of formPosts) {
      const body = prototypeNames.map((name) => `${name}=x`).join('&');
      const response = await request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
        body,
      });
      expect(response.status, path).toBeLessThan(500);
    }
  });

  it('treats a cookie that is not percent-encoded as no session, on staff pages and at sign-out', async () => {
    for (const cookie of [
      'venner_refresh=%',
      'venner_refresh=%E0%A4%A',
      'venner_session=%; venner_refresh=%zz',
    ]) {
      const page = await request('/personale/overdragelser', { headers: { cookie } });
      expect(page.status, cookie).toBe(303);
      expect(page.headers.get('location')).toMatch(/^\/personale\/log-ind\?next=/);
      const api = await request('/api/me', { headers: { cookie } });
      expect(api.status, cookie).toBe(401);
      const signOut = await request('/personale/log-ud', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
        body: '',
      });
      expect(signOut.status, cookie).toBe(303);
    }
  });
});
