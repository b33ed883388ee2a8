import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { suppressionList } from '../../functions/adapters/suppression-list.ts';
import { tokensRepository } from '../../functions/adapters/tokens-repository.ts';
import { duplicateKeys } from '../../functions/domain/duplicates.ts';
import type { HandoverRecord } from '../../functions/domain/handover.ts';
import type { Match } from '../../functions/domain/match.ts';
import { sendFollowUps } from '../../functions/domain/match-follow-ups.ts';
import { hashToken, issueToken } from '../../functions/domain/tokens.ts';
import { signUpAndConfirm } from '../support/confirmed-volunteer.ts';
import { consentedBody, getJson, handoverItem, postJson, staffToken } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  documentClient,
  emailsTo,
  getItem,
  linkIn,
  newClientAddress,
  requestFrom,
  type StoredEmail,
  scanAll,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { outboxItem } from '../support/volunteer-items.ts';

/**
 * Promises the README makes that an earlier suite let break unnoticed (a mutation audit found 16):
 * each test here reads the whole artefact — every field of an email against what the consent
 * allows, every cell of a CSV, every table after an erasure — so that a one-line break fails it.
 */

let caseworker: string;
let coordinator: string;
const coordinatorEmail = uniqueEmail('koordinator-promises');
const kommuner = ['173', '210', '230'];

beforeAll(async () => {
  caseworker = (await signIn('caseworker')).accessToken;
  coordinator = await staffToken({ role: 'coordinator', kommuner, email: coordinatorEmail });
  const sub = JSON.parse(Buffer.from(coordinator.split('.')[1] ?? '', 'base64url').toString()).sub as string;
  await staffDirectory(documentClient(), stack.tables.staff).remember(sub, coordinatorEmail, new Date());
});

const handover = async (overrides: Record<string, unknown> = {}) => {
  const body = consentedBody(overrides);
  const response = await postJson('/api/handovers', caseworker, body);
  expect(response.status).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, body };
};

describe('what the kommune’s email carries', () => {
  /** Everything the handover email may say: the consented details and where they came from. */
  const allowed = [
    'Navn',
    'Telefon',
    'E-mail',
    'Fødselsår / alder',
    'Nationalitet',
    'Sprog',
    'Dansk / engelsk',
    'Husstand',
    'Forventet flyttedato',
    'Ny adresse',
    'Ønsker hjælp til',
    'Ønske til venens køn',
    'Fra',
    'Samtykke',
    'Venner-reference',
  ];

  it('holds only the allowed fields, never the caseworker’s note, with every value escaped', async () => {
    const kommuneEmail = uniqueEmail('kommune-indhold');
    const marker = 'notemarker7q';
    await handover({
      receivingKommune: '173',
      name: 'Amal <b>Haddad</b> "x" & co',
      nationality: '<img src=x onerror=alert(1)>',
      note: `Kun til centret: ${marker}`,
      kommuneCaseworkerEmail: kommuneEmail,
    });
    const [mail] = await waitForEmails(kommuneEmail);
    const text = (mail as StoredEmail).body.text ?? '';
    const rows = text
      .split('\n')
      .filter((line) => /^[^:]{2,40}: /.test(line))
      .map((line) => line.slice(0, line.indexOf(':')));
    expect(rows.length).toBeGreaterThan(8);
    for (const label of rows) expect(allowed, label).toContain(label);
    const html = (mail as StoredEmail).body.html ?? '';
    for (const part of [text, html, mail?.subject ?? '']) expect(part).not.toContain(marker);
    expect(html).not.toContain('<b>Haddad');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html).toContain('Amal &lt;b>Haddad&lt;/b>');
    // The HTML holds no element but the template's own.
    const tags = [...html.matchAll(/<([a-z]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(
      new Set(['html', 'head', 'meta', 'title', 'body', 'div', 'p', 'table', 'tr', 'th', 'td']),
    );
  });

  it('tells the kommune nothing but the reference when consent is withdrawn', async () => {
    const kommuneEmail = uniqueEmail('kommune-tilbagekald');
    const { id } = await handover({ receivingKommune: '173', kommuneCaseworkerEmail: kommuneEmail });
    await waitForEmails(kommuneEmail);
    await postJson(`/api/handovers/${id}/withdrawal`, caseworker, { requestedVia: 'phone' });
    const [, notice] = await waitForEmails(kommuneEmail, 2);
    const text = notice?.body.text ?? '';
    for (const secret of ['Amal', 'Haddad', '+4520304050', 'Skovvej', 'Syrisk', 'phone', 'Telefon'])
      expect(text, secret).not.toContain(secret);
  });
});

describe('the waiting list for Excel', () => {
  it('guards every cell that could run as a formula, whatever the name or address', async () => {
    const hostile = ['=HYPERLINK("https://evil.example","klik")', '+SUM(A1)', '-1+1', '@cmd'];
    for (const name of hostile)
      await handover({ receivingKommune: '210', name, newAddress: `${name}, 3450 Allerød` });
    const response = await getJson('/personale/matching/eksport?kommune=210', coordinator);
    expect(response.status).toBe(200);
    const csv = (await response.text()).replace(/^\uFEFF/, '');
    const cells = csv
      .split('\r\n')
      .filter(Boolean)
      .flatMap((line) => line.split(';'))
      .map((cell) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell));
    for (const cell of cells) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, cell).toMatch(/^[+-]?\d+$/);
    for (const name of hostile) expect(cells).toContain(`'${name}`);
  });

  it('is an audited export of each refugee on it, like the overview is an audited list', async () => {
    const { id } = await handover({ receivingKommune: '230' });
    const entries = async () =>
      (await scanAll(stack.tables.audit)).filter((e) => e.pk === `REFUGEE#${id}`).map((e) => e.action);
    expect(await entries()).toEqual(['create']);
    await getJson('/api/matching/kommuner/230', coordinator);
    await getJson('/personale/matching/eksport?kommune=230', coordinator);
    expect((await entries()).sort()).toEqual(['create', 'export', 'list']);
  });
});

describe('withdrawal leaves nothing behind', () => {
  it('removes the details and every key derived from them, from every table', async () => {
    const { id } = await handover({
      receivingKommune: '173',
      name: 'Derived Keyperson',
      phone: '61 23 45 67',
    });
    const before = (await handoverItem(id)) as unknown as HandoverRecord;
    const keys = duplicateKeys(before);
    expect(keys.phoneKey && keys.personKey).toBeTruthy();
    await postJson(`/api/handovers/${id}/withdrawal`, caseworker, { requestedVia: 'phone' });
    const record = await handoverItem(id);
    for (const attribute of [
      'person',
      'phoneKey',
      'personKey',
      'kommuneStatus',
      'kommuneShare',
      'waitingSince',
    ])
      expect(record, attribute).not.toHaveProperty(attribute);
    for (const table of Object.values(stack.tables)) {
      const all = JSON.stringify(await scanAll(table));
      for (const value of [keys.phoneKey, keys.personKey, 'Derived Keyperson', '+4561234567'])
        expect(all, `${table}: ${value}`).not.toContain(value as string);
    }
  });
});

describe('"send me my link"', () => {
  it('is limited per client like the sign-up: 429 with Retry-After, and no email beyond the limit', async () => {
    const client = newClientAddress();
    const email = uniqueEmail('link-limit');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 21; i++) {
      const response = await requestFrom(client, '/min-tilmelding/send-link', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
        body: new URLSearchParams({ email }).toString(),
      });
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('link tokens', () => {
  it('are stored only as their hash, and refused once expired even while still stored', async () => {
    const db = documentClient();
    const tokens = tokensRepository(db, stack.tables.tokens);
    const value = await issueToken(tokens, 'manage', 'volunteer-x', new Date());
    const stored = await getItem(stack.tables.tokens, { pk: `TOKEN#${hashToken(value)}`, sk: 'TOKEN' });
    expect(stored).toMatchObject({ purpose: 'manage', volunteerId: 'volunteer-x' });
    expect(JSON.stringify(await scanAll(stack.tables.tokens))).not.toContain(value);
    expect(hashToken(value)).toBe(createHash('sha256').update(value).digest('base64url'));
    // Past its expiry (as of two minutes on) but still stored, as before TTL removes it: refused.
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.tokens,
        Key: { pk: `TOKEN#${hashToken(value)}`, sk: 'TOKEN' },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) + 60 },
      }),
    );
    const later = new Date(Date.now() + 120_000);
    expect(await tokens.peek(hashToken(value), 'manage', later)).toBeUndefined();
    expect(await tokens.consume(hashToken(value), 'manage', later)).toBeUndefined();
    expect(await tokens.consume(hashToken(value), 'manage', new Date())).toBe('volunteer-x');
    expect(await tokens.consume(hashToken(value), 'manage', new Date())).toBeUndefined();
  });

  it('work only for the purpose they were made for', async () => {
    const tokens = tokensRepository(documentClient(), stack.tables.tokens);
    const value = await issueToken(tokens, 'unsubscribe', 'volunteer-y', new Date(), 'ref-1');
    expect(await tokens.consume(hashToken(value), 'manage', new Date())).toBeUndefined();
    expect(await tokens.consume(hashToken(value), 'unsubscribe', new Date(), 'ref-2')).toBeUndefined();
    expect(await tokens.consume(hashToken(value), 'unsubscribe', new Date(), 'ref-1')).toBe('volunteer-y');
  });
});

describe('a match that ends', () => {
  it('keeps the refugee’s details half a year, then the retention job may erase them', async () => {
    const { id } = await handover({ receivingKommune: '210' });
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '210' });
    const proposed = await postJson('/api/matches', coordinator, {
      consentId: id,
      volunteerId: volunteer.id,
    });
    const matchId = ((await proposed.json()) as { id: string }).id;
    const [proposal] = await waitForEmails(volunteer.email);
    expect((await answerFromLink(linkIn(proposal as StoredEmail, 'http'), 'accept')).status).toBe(200);
    expect((await handoverItem(id))?.eraseAfter).toBeUndefined();
    const ended = await postJson(`/api/matches/${matchId}/actions`, coordinator, {
      action: 'end',
      planned: true,
      endedBy: 'both',
      reason: 'completed',
    });
    expect(ended.status).toBe(200);
    const record = await handoverItem(id);
    expect(record?.status).toBe('ended');
    const days = (Date.parse(String(record?.eraseAfter)) - Date.now()) / (24 * 3600 * 1000);
    expect(days).toBeGreaterThan(179.9);
    expect(days).toBeLessThan(180.1);
    expect(Number(record?.expiresAt)).toBeGreaterThan(
      Date.parse(String(record?.eraseAfter)) / 1000 + 59 * 86400,
    );
  });

  it('sends each follow-up once however often the job runs, one email in the inbox', async () => {
    const { id } = await handover({ receivingKommune: '230' });
    const volunteer = await addConfirmedVolunteer({ kommuneCode: '230' });
    const proposed = await postJson('/api/matches', coordinator, {
      consentId: id,
      volunteerId: volunteer.id,
    });
    const matchId = ((await proposed.json()) as { id: string }).id;
    const [proposal] = await waitForEmails(volunteer.email);
    await answerFromLink(linkIn(proposal as StoredEmail, 'http'), 'accept');
    await waitForEmails(volunteer.email, 2);
    const matches = matchesRepository(documentClient(), stack.tables);
    const at = new Date(Date.now() + 43 * 24 * 3600 * 1000);
    const runs = await Promise.all([1, 2, 3].map(() => sendFollowUps({ matches, now: () => at }, ['230'])));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    await sendFollowUps({ matches, now: () => at }, ['230']);
    await waitForEmails(volunteer.email, 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const followUps = (await emailsTo(volunteer.email)).filter((m) => m.subject.startsWith('Hvordan går'));
    expect(followUps).toHaveLength(1);
    expect(((await matches.get(matchId)) as Match).followUps['6-weeks']?.sentAt).toEqual(expect.any(String));
  });
});

describe('the deployed email sender', () => {
  it('sends nothing to a suppressed address, through the stack’s own wiring', async () => {
    const email = uniqueEmail('suppressed');
    await suppressionList(documentClient(), stack.tables.outbox).suppress(email, 'bounce', new Date());
    const signedUp = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(email)),
    });
    const { id } = (await signedUp.json()) as { id: string };
    const volunteer = await getItem(stack.tables.volunteers, { pk: `VOLUNTEER#${id}`, sk: 'PROFILE' });
    const key = `signup-confirmation#${id}#${Date.parse(String(volunteer?.createdAt))}`;
    await expect.poll(async () => (await outboxItem(key))?.status, { timeout: 10_000 }).toBe('skipped');
    expect((await outboxItem(key))?.lastError).toBe('suppressed');
    expect(await emailsTo(email)).toEqual([]);
  });

  it('gives every email to a volunteer the one-click unsubscribe headers', async () => {
    const email = uniqueEmail('headers');
    await signUpAndConfirm(email);
    const [confirmation] = await emailsTo(email);
    const headers = Object.fromEntries((confirmation?.headers ?? []).map((h) => [h.name, h.value]));
    expect(headers['List-Unsubscribe']).toMatch(
      new RegExp(`^<${stack.gatewayUrl}/afmeld\\?token=[\\w-]{43}>$`),
    );
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    // The link in the header works as the one-click POST a mail client sends.
    const url = new URL((headers['List-Unsubscribe'] ?? '').slice(1, -1));
    const clicked = await requestFrom(newClientAddress(), `${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(200);
  });
});

describe('signing up with a known address', () => {
  it('answers a confirmed volunteer’s address exactly as a new one: 201, the same fields, "unconfirmed"', async () => {
    const email = uniqueEmail('confirmed-again');
    const { id } = await signUpAndConfirm(email);
    const fresh = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(uniqueEmail('fresh'))),
    });
    const again = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(email)),
    });
    expect(again.status).toBe(fresh.status);
    const [a, b] = [await fresh.json(), await again.json()];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(b.status).toBe('unconfirmed');
    expect(b.id).not.toBe(id);
    for (const header of ['content-type', 'cache-control', 'retry-after', 'set-cookie', 'location'])
      expect(again.headers.get(header), header).toBe(fresh.headers.get(header));
  });
});
