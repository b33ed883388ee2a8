import { describe, expect, it } from 'vitest';
import { privacyNoticeVersion } from '../../shared/volunteer-contract.ts';
import {
  emailsTo,
  newClientAddress,
  requestFrom,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { volunteerByEmail } from '../support/volunteer-items.ts';

/** What a person's browser posts: checkboxes repeat their name; the hidden fields come from the page. */
const formFields = (email: string, renderedAt = Date.now() - 60_000): [string, string][] => [
  ['language', 'da'],
  ['privacyNoticeVersion', privacyNoticeVersion],
  ['renderedAt', String(renderedAt)],
  ['utmSource', 'facebook'],
  ['utmCampaign', 'uge-47'],
  ['website', ''],
  ['name', 'Karim Jensen'],
  ['email', email],
  ['phone', '+45 12 34 56 78'],
  ['kommuneCode', '101'],
  ['postalCode', '2200'],
  ['kind', 'family'],
  ['adults', '2'],
  ['children', '1'],
  ['languages', 'danish'],
  ['languages', 'english'],
  ['otherLanguages', ''],
  ['helpWith', 'homework'],
  ['helpWith', 'leisure-and-sport'],
  ['meetingFrequency', 'weekly'],
  ['capacity', '1'],
  ['organisation', 'danish-refugee-council'],
  ['consent', 'true'],
];

const post = (fields: [string, string][], options: { lang?: 'en'; origin?: string } = {}) =>
  requestFrom(newClientAddress(), `/bliv-ven${options.lang ? '?lang=en' : ''}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: options.origin ?? stack.gatewayUrl,
    },
    body: new URLSearchParams(fields).toString(),
  });

const replace = (fields: [string, string][], name: string, value: string | undefined): [string, string][] => [
  ...fields.filter(([n]) => n !== name),
  ...(value === undefined ? [] : [[name, value] as [string, string]]),
];

describe('GET /bliv-ven', () => {
  it('shows the Danish form, with the kommune preselected and the campaign captured', async () => {
    const response = await requestFrom(
      newClientAddress(),
      '/bliv-ven?kommune=751&utm_source=facebook&utm_campaign=uge-47',
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<html lang="da">');
    expect(page).toContain('<h1>Bliv frivillig ven</h1>');
    expect(page).toContain('<option value="751" selected>Aarhus</option>');
    expect(page).toContain('name="utmSource" value="facebook"');
    expect(page).toContain('name="utmCampaign" value="uge-47"');
    expect(page).toContain('href="/bliv-ven?lang=en"');
    expect((page.match(/<option value="\d{3}"/g) ?? []).length).toBe(98);
  });

  it('has an English version one click away', async () => {
    const page = await (await requestFrom(newClientAddress(), '/bliv-ven?lang=en')).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Become a volunteer friend</h1>');
    expect(page).toContain('action="/bliv-ven?lang=en"');
  });

  it('ignores a kommune code that does not exist', async () => {
    const page = await (await requestFrom(newClientAddress(), '/bliv-ven?kommune=999')).text();
    expect(page).not.toMatch(/<option value="\d+" selected>/);
  });
});

describe('POST /bliv-ven', () => {
  it('stores the sign-up with the campaign, redirects to the thank-you page and sends the email', async () => {
    const email = uniqueEmail('form');
    const response = await post(formFields(email));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/bliv-ven/tak');
    const Item = await volunteerByEmail(email);
    expect(Item).toMatchObject({
      name: 'Karim Jensen',
      phone: '+4512345678',
      kind: 'family',
      adults: 2,
      children: 1,
      languages: ['danish', 'english'],
      helpWith: ['homework', 'leisure-and-sport'],
      utmSource: 'facebook',
      utmCampaign: 'uge-47',
      organisation: 'danish-refugee-council',
    });
    expect(await waitForEmails(email)).toHaveLength(1);
    const thanks = await requestFrom(newClientAddress(), '/bliv-ven/tak');
    expect(await thanks.text()).toContain('Tak for din tilmelding');
  });

  it('shows the errors at the top, each linked to its field, keeps the values, and stores nothing', async () => {
    const email = uniqueEmail('errors');
    const fields = replace(
      replace(replace(formFields(email), 'postalCode', 'abc'), 'helpWith', undefined),
      'name',
      '<script>alert(1)</script>',
    );
    const response = await post(fields);
    expect(response.status).toBe(400);
    const page = await response.text();
    // The errors of the first step's questions: the form shows that step again.
    expect(page).toContain('<title>Fejl: Bliv frivillig ven (Trin 1 af 2) · Venner</title>');
    expect(page).toContain('Der er fejl i formularen');
    expect(page).toContain('<a href="#field-postalCode">Skriv et dansk postnummer med 4 cifre.</a>');
    expect(page).toContain('<a href="#field-helpWith">Vælg mindst én ting, du gerne vil hjælpe med.</a>');
    expect(page).toMatch(/id="field-postalCode"[^>]*aria-invalid="true"/);
    expect(page).toContain('value="abc"');
    expect(page).toContain(`value="${email}"`);
    // Submitted text comes back escaped, never as markup.
    expect(page).toContain('value="&lt;script>alert(1)&lt;/script>"');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(await volunteerByEmail(email)).toBeUndefined();
  });

  it('answers in English on the English form', async () => {
    const response = await post(replace(formFields(uniqueEmail('en')), 'email', 'nope'), { lang: 'en' });
    expect(await response.text()).toContain('Enter a valid email address, e.g. name@example.com.');
  });

  it('gives bots the same answer but stores nothing: a filled honeypot', async () => {
    const email = uniqueEmail('honeypot');
    const response = await post(replace(formFields(email), 'website', 'http://spam.example'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/bliv-ven/tak');
    expect(await volunteerByEmail(email)).toBeUndefined();
    expect(await emailsTo(email)).toEqual([]);
  });

  it('gives bots the same answer but stores nothing: a form sent faster than a person can', async () => {
    const email = uniqueEmail('fast');
    const response = await post(formFields(email, Date.now() - 500));
    expect(response.status).toBe(303);
    expect(await volunteerByEmail(email)).toBeUndefined();
  });

  it('refuses a post from another site', async () => {
    const email = uniqueEmail('csrf');
    const response = await post(formFields(email), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await volunteerByEmail(email)).toBeUndefined();
  });

  it('refuses a form over 16 KiB with a Danish page', async () => {
    const email = uniqueEmail('large');
    const response = await post(replace(formFields(email), 'otherLanguages', 'x'.repeat(17 * 1024)));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Indholdet er for stort.');
    expect(await volunteerByEmail(email)).toBeUndefined();
  });
});
