import { describe, expect, it } from 'vitest';
import { copenhagenDate } from '../../functions/domain/danish-time.ts';
import { pauseEnd } from '../../functions/domain/volunteer.ts';
import { volunteerEmail } from '../../functions/domain/volunteer-emails.ts';
import { signUpAndConfirm } from '../support/confirmed-volunteer.ts';
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
import { kommuneItem, outboxItem, volunteerByEmail, volunteerItem } from '../support/volunteer-items.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl };

const volunteer = volunteerItem;
const counters = async (code: string) => {
  const item = await kommuneItem(code);
  return { available: Number(item.availableVolunteers ?? 0), left: Number(item.volunteersLeft ?? 0) };
};

/** Signs up through the API and confirms through the emailed link, as a person would; returns the session cookie. */
const confirmedVolunteer = async (kommuneCode: string) => {
  const email = uniqueEmail('self');
  const signedUp = await signUpAndConfirm(email, { name: 'Mette Holm', kommuneCode, postalCode: '5000' });
  return { ...signedUp, email };
};

const act = (v: { client: string; cookie: string }, fields: Record<string, string>) =>
  requestFrom(v.client, '/min-tilmelding', {
    method: 'POST',
    headers: { ...form, cookie: v.cookie },
    body: new URLSearchParams(fields).toString(),
  });

describe('my sign-up page', () => {
  it('opens after confirming and shows the volunteer as ready for a new friend', async () => {
    const v = await confirmedVolunteer('461');
    const page = await requestFrom(v.client, '/min-tilmelding?bekraeftet=1', {
      headers: { cookie: v.cookie },
    });
    const text = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(text).toContain('Tak! Din tilmelding er bekræftet.');
    expect(text).toContain('Du er klar til en ny ven.');
    expect(text).toContain(v.email);
  });

  it("pauses and resumes, moving the kommune's count of available volunteers", async () => {
    const v = await confirmedVolunteer('461');
    const start = (await counters('461')).available;
    const paused = await act(v, { action: 'pause', pauseLength: '2-weeks' });
    expect(paused.status).toBe(303);
    expect(paused.headers.get('location')).toBe('/min-tilmelding?gemt=pause');
    // A pause has an end: today and 13 more days (Danish dates), said on the page.
    const today = copenhagenDate(new Date());
    expect((await volunteer(v.id))?.paused).toBe(true);
    expect((await volunteer(v.id))?.pausedUntil).toBe(pauseEnd(today, '2-weeks'));
    expect(pauseEnd('2026-12-01', '2-weeks')).toBe('2026-12-14');
    expect(pauseEnd('2026-12-01', '1-month')).toBe('2026-12-31');
    // A month from 31 January ends on 27 February (the last day less one), not in March.
    expect(pauseEnd('2027-01-31', '1-month')).toBe('2027-02-27');
    expect(pauseEnd('2026-11-30', '3-months')).toBe('2027-02-27');
    const page = await (
      await requestFrom(v.client, '/min-tilmelding?gemt=pause', { headers: { cookie: v.cookie } })
    ).text();
    expect(page).toMatch(/Du holder nu pause til og med \d+\. \w+ \d{4}\./);
    expect(page).toContain('Jeg er klar igen nu');
    expect(page).not.toContain('Hold pause</button>');
    expect((await counters('461')).available).toBe(start - 1);
    await act(v, { action: 'resume' });
    expect((await volunteer(v.id))?.paused).toBe(false);
    expect((await counters('461')).available).toBe(start);
  });

  it('records "not ready" and "ready for a new friend"', async () => {
    const v = await confirmedVolunteer('461');
    await act(v, { action: 'not-ready' });
    expect((await volunteer(v.id))?.ready).toBe(false);
    const page = await (
      await requestFrom(v.client, '/min-tilmelding', { headers: { cookie: v.cookie } })
    ).text();
    expect(page).toContain('Du har sagt, at du ikke vil have en ny ven foreløbig.');
    // One primary action in that state: ready again; no pause offered beside it.
    expect(page.match(/button-primary" type="submit">[^<]+</g)?.slice(0, 1)).toEqual([
      'button-primary" type="submit">Jeg er klar til en ny ven<',
    ]);
    expect(page).not.toContain('Hold pause</button>');
    await act(v, { action: 'ready' });
    expect((await volunteer(v.id))?.ready).toBe(true);
  });

  it('stops and resumes emails', async () => {
    const v = await confirmedVolunteer('461');
    await act(v, { action: 'stop-emails' });
    expect((await volunteer(v.id))?.emailOptOut).toBe(true);
    await act(v, { action: 'resume-emails' });
    expect((await volunteer(v.id))?.emailOptOut).toBe(false);
  });

  it('changes details; moving kommune moves the count', async () => {
    const v = await confirmedVolunteer('461');
    const [odenseBefore, aalborgBefore] = [
      (await counters('461')).available,
      (await counters('851')).available,
    ];
    const fields = {
      action: 'update',
      name: 'Mette Holm Nielsen',
      phone: '11223344',
      kommuneCode: '851',
      postalCode: '9000',
      kind: 'friend',
      languages: 'danish',
      helpWith: 'job-search',
      meetingFrequency: 'monthly',
      capacity: '2',
      organisation: 'none',
      language: 'da',
    };
    const response = await act(v, fields);
    expect(response.status).toBe(303);
    expect(await volunteer(v.id)).toMatchObject({
      name: 'Mette Holm Nielsen',
      phone: '+4511223344',
      kommuneCode: '851',
      capacity: 2,
      helpWith: ['job-search'],
    });
    expect((await counters('461')).available).toBe(odenseBefore - 1);
    expect((await counters('851')).available).toBe(aalborgBefore + 1);

    const invalid = await act(v, { ...fields, postalCode: '12' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Skriv et dansk postnummer med 4 cifre.');
    expect((await volunteer(v.id))?.postalCode).toBe('9000');
  });

  it('deletes the volunteer and their email on request, keeping only anonymous counts', async () => {
    const v = await confirmedVolunteer('461');
    const before = await counters('461');
    const unconfirmedTick = await act(v, { action: 'delete' });
    expect(unconfirmedTick.status).toBe(400);
    expect(await volunteer(v.id)).toBeDefined();

    const response = await act(v, { action: 'delete', confirmDelete: 'yes' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/min-tilmelding/slettet');
    expect(response.headers.getSetCookie()[0]).toMatch(
      /^venner_frivillig=; Path=\/min-tilmelding; Max-Age=0/,
    );
    expect(await volunteer(v.id)).toBeUndefined();
    expect(await volunteerByEmail(v.email)).toBeUndefined();
    expect(await counters('461')).toEqual({ available: before.available - 1, left: before.left + 1 });
    // The old session opens nothing any more.
    const page = await (
      await requestFrom(v.client, '/min-tilmelding', { headers: { cookie: v.cookie } })
    ).text();
    expect(page).toContain('Skriv den e-mailadresse, du meldte dig med.');
  });

  it('refuses changes without a session, and from another site', async () => {
    const v = await confirmedVolunteer('461');
    const noSession = await requestFrom(v.client, '/min-tilmelding', {
      method: 'POST',
      headers: form,
      body: 'action=pause',
    });
    expect(noSession.status).toBe(303);
    const crossSite = await requestFrom(v.client, '/min-tilmelding', {
      method: 'POST',
      headers: { ...form, origin: 'https://evil.example', cookie: v.cookie },
      body: 'action=pause',
    });
    expect(crossSite.status).toBe(403);
    expect((await volunteer(v.id))?.paused).toBe(false);
  });
});

describe('"send me my link"', () => {
  const ask = (client: string, email: string) =>
    requestFrom(client, '/min-tilmelding/send-link', {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ email }).toString(),
    });

  it('answers the same whether or not the address is known, and only a known one gets an email that signs in once', async () => {
    const v = await confirmedVolunteer('461');
    const unknown = uniqueEmail('nobody');
    const [known, stranger] = [await ask(v.client, v.email), await ask(v.client, unknown)];
    expect(known.status).toBe(303);
    expect(stranger.status).toBe(303);
    expect(known.headers.get('location')).toBe(stranger.headers.get('location'));
    expect(await emailsTo(unknown)).toEqual([]);

    const mail = (await waitForEmails(v.email, 2)).find((m) => m.subject === 'Dit link til din tilmelding');
    const token = new URL(
      linkIn(mail as never, `${stack.gatewayUrl}/min-tilmelding/log-ind?token=`),
    ).searchParams.get('token') as string;
    const signIn = await requestFrom(v.client, '/min-tilmelding/log-ind', {
      method: 'POST',
      headers: form,
      body: `token=${token}`,
    });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
    expect(await (await requestFrom(v.client, '/min-tilmelding', { headers: { cookie } })).text()).toContain(
      v.email,
    );
    const reuse = await requestFrom(v.client, '/min-tilmelding/log-ind', {
      method: 'POST',
      headers: form,
      body: `token=${token}`,
    });
    expect(reuse.status).toBe(400);
  });

  it('asks again for an address that is not an email', async () => {
    const response = await ask(newClientAddress(), 'not-an-email');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Skriv en gyldig e-mailadresse');
  });
});

describe('unsubscribe', () => {
  it('works with one click from the mail client (RFC 8058), and the link is then used up', async () => {
    const v = await confirmedVolunteer('461');
    const [mail] = await emailsTo(v.email);
    const link = new URL(linkIn(mail as never, `${stack.gatewayUrl}/afmeld?token=`));
    const oneClick = await requestFrom(v.client, `${link.pathname}${link.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Du er afmeldt');
    expect((await volunteer(v.id))?.emailOptOut).toBe(true);
    const again = await requestFrom(v.client, `${link.pathname}${link.search}`, {
      method: 'POST',
      headers: form,
      body: '',
    });
    expect(again.status).toBe(400);
  });

  it('sends nothing to an unsubscribed volunteer who signs up again', async () => {
    const v = await confirmedVolunteer('461');
    await act(v, { action: 'stop-emails' });
    const again = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(v.email, { kommuneCode: '461', postalCode: '5000' })),
    });
    expect(again.status).toBe(201);
    // The entry is written as for anyone (so the answer takes as long either way); the sender skips it.
    const { key } = volunteerEmail.alreadySignedUp(v.id, new Date());
    await expect.poll(async () => (await outboxItem(key))?.status, { timeout: 10_000 }).toBe('skipped');
    expect((await outboxItem(key))?.lastError).toBe('opted-out');
    expect((await emailsTo(v.email)).map((m) => m.subject)).toEqual([
      'Bekræft din tilmelding som frivillig ven',
    ]);
  });
});
