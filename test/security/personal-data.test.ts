import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { consentedBody, handoverFormFields, postJson } from '../support/handover-fixture.ts';
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
import { postForm, signInWithPage } from '../support/staff.ts';

/**
 * The people in our tables are refugees and volunteers: their names, phone numbers, addresses and
 * email addresses must never reach a log line or a URL (URLs end up in access logs, browser
 * history and Referer headers). These tests walk the journeys that carry personal data, good and
 * bad input alike, collect every URL the system hands out and every line the functions logged,
 * and look for the data in them.
 */

const digits = () => String(randomInt(10_000_000, 99_999_999));
const person = {
  volunteerName: `Zafirah Pii${digits()}`,
  volunteerEmail: uniqueEmail('pii-volunteer'),
  volunteerPhone: `2${digits().slice(1)}`,
  refugeeName: `Quorra Pii${digits()}`,
  refugeePhone: `3${digits().slice(1)}`,
  refugeeAddress: `Piivej ${randomInt(100, 999)}`,
  caseworkerEmail: uniqueEmail('pii-caseworker'),
};
/** Each value as it might appear: as typed, URL-encoded, normalised (+45…), lower-cased. */
const forms = (value: string) => [
  value,
  encodeURIComponent(value),
  new URLSearchParams({ v: value }).toString().slice(2),
  value.toLowerCase(),
];
const secrets = [
  ...Object.values(person).flatMap(forms),
  `+45${person.volunteerPhone}`,
  `+45${person.refugeePhone}`,
];

const urls: string[] = [];
const collectUrls = async (response: Response, label: string) => {
  const location = response.headers.get('location');
  if (location) urls.push(`${label} Location: ${location}`);
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    const page = await response.text();
    for (const [, url] of page.matchAll(/\b(?:href|action|src)="([^"]*)"/g))
      urls.push(`${label} page: ${url}`);
  }
  return response;
};

const form = { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl };

beforeAll(async () => {
  // A volunteer signs up through the form, once with a mistake, then confirms from the email.
  const client = newClientAddress();
  const fields = (overrides: Record<string, string>) =>
    new URLSearchParams({
      language: 'da',
      privacyNoticeVersion: String(signupBody('x').privacyNoticeVersion),
      renderedAt: String(Date.now() - 60_000),
      website: '',
      name: person.volunteerName,
      email: person.volunteerEmail,
      phone: person.volunteerPhone,
      kommuneCode: '101',
      postalCode: '2200',
      kind: 'friend',
      languages: 'danish',
      helpWith: 'homework',
      meetingFrequency: 'weekly',
      capacity: '1',
      organisation: 'none',
      consent: 'true',
      ...overrides,
    }).toString();
  await collectUrls(
    await requestFrom(client, '/bliv-ven', {
      method: 'POST',
      headers: form,
      body: fields({ postalCode: 'x' }),
    }),
    'sign-up with an error',
  );
  const signedUp = await collectUrls(
    await requestFrom(client, '/bliv-ven', { method: 'POST', headers: form, body: fields({}) }),
    'sign-up',
  );
  expect(signedUp.status).toBe(303);
  const location = signedUp.headers.get('location') ?? '/';
  await collectUrls(await requestFrom(client, location), 'thanks page');
  const [confirmation] = await waitForEmails(person.volunteerEmail);
  for (const [, url] of `${confirmation?.body.text} ${confirmation?.body.html}`.matchAll(
    /(https?:\/\/[^\s"<>]+)/g,
  )) {
    urls.push(`confirmation email: ${url}`);
  }
  // The JSON API with bad input, and "send me my link".
  await requestFrom(newClientAddress(), '/api/volunteers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      signupBody(person.volunteerEmail, { name: person.volunteerName, phone: 'abc', postalCode: 'x' }),
    ),
  });
  await collectUrls(
    await requestFrom(client, '/min-tilmelding/send-link', {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ email: person.volunteerEmail }).toString(),
    }),
    'send me my link',
  );

  // A caseworker records a handover through the API and the form (once with a mistake).
  const { accessToken } = await signIn('caseworker');
  const body = consentedBody({
    name: person.refugeeName,
    phone: person.refugeePhone,
    newAddress: `${person.refugeeAddress}, 3450 Allerød`,
    kommuneCaseworkerEmail: person.caseworkerEmail,
  });
  await collectUrls(await postJson('/api/handovers', accessToken, body), 'handover API');
  await postJson('/api/handovers', accessToken, {
    ...body,
    submissionKey: crypto.randomUUID(),
    birthYear: 'x',
  });
  const cookies = await signInWithPage('caseworker');
  const formFields = handoverFormFields({ ...body, submissionKey: crypto.randomUUID() });
  await collectUrls(
    await postForm(
      '/personale/overdragelser/ny',
      [...formFields.filter(([n]) => n !== 'birthYear'), ['birthYear', 'x']],
      { cookies },
    ),
    'handover form with an error',
  );
  const saved = await collectUrls(
    await postForm('/personale/overdragelser/ny', formFields, { cookies }),
    'handover form',
  );
  expect(saved.status).toBe(303);
  await collectUrls(
    await request(saved.headers.get('location') ?? '/', { headers: { cookie: cookies } }),
    'handover page',
  );

  // Someone signs in with an email address as the user name and a wrong password.
  await collectUrls(
    await postForm('/personale/log-ind', {
      step: 'password',
      username: person.caseworkerEmail,
      password: 'forkert',
    }),
    'failed staff sign-in',
  );
  // The kommune's caseworker gets the handover email; its links count as URLs too.
  const [kommuneEmail] = await waitForEmails(person.caseworkerEmail);
  for (const [, url] of `${kommuneEmail?.body.text}`.matchAll(/(https?:\/\/[^\s"<>]+)/g)) {
    urls.push(`kommune email: ${url}`);
  }
}, 60_000);

describe('personal data', () => {
  it('appears in no URL the system hands out: redirects, links and form actions on pages, links in emails', () => {
    expect(urls.length).toBeGreaterThan(20);
    for (const url of urls) {
      for (const secret of secrets) expect(url, url).not.toContain(secret);
      expect(url, url).not.toMatch(/[\w.+-]+(@|%40)[\w-]+\.[\w.]+/);
    }
  });

  it('reaches no log line of any function', async () => {
    // The outbox sender logs each email it handled; wait until it has logged this test's.
    const logFile = inject('stackLogFile');
    await expect
      .poll(
        () =>
          readFileSync(logFile, 'utf8')
            .split('\n')
            .filter((line) => line.includes('Outbox entry handled')).length,
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(1);
    const log = readFileSync(logFile, 'utf8');
    for (const secret of secrets) expect(log.includes(secret), `the log holds "${secret}"`).toBe(false);
    // Nor any other test's: no email address but the sender's, and no Danish phone number.
    const addresses = new Set(log.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? []);
    addresses.delete(stack.senderAddress);
    expect([...addresses]).toEqual([]);
    expect(log).not.toMatch(/\+45\s?\d{8}/);
  });
});
