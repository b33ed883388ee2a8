import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { metricsNamespace } from '../../shared/operations.ts';
import { consentedBody, postJson, staffToken } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  getItem,
  linkIn,
  request,
  type StoredEmail,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';

/**
 * Following one request, and the business metrics, in the stack's log: the same lines the
 * functions write on AWS (Powertools Logger and Metrics), and the access log line API Gateway
 * would write, printed by the local gateway. Every invocation runs in its own invocation scope,
 * so concurrent tests do not share a correlation id.
 */

type LogLine = Record<string, unknown>;
const logLines = (): LogLine[] =>
  readFileSync(inject('stackLogFile'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return {};
      }
    });

/** Embedded-metric-format lines of the Venner namespace that count `name`. */
const metricLines = (name: string) =>
  logLines().filter((line) => {
    const aws = line._aws as { CloudWatchMetrics?: { Namespace: string; Metrics: { Name: string }[] }[] };
    return aws?.CloudWatchMetrics?.some(
      (m) => m.Namespace === metricsNamespace && m.Metrics.some((metric) => metric.Name === name),
    );
  });

describe('operations in the local stack', () => {
  it('gives a request one id: in its response, its access-log line, its log lines, its outbox entry and the sender’s line', async () => {
    const caseworker = (await signIn('caseworker')).accessToken;
    const response = await postJson(
      '/api/handovers',
      caseworker,
      consentedBody({ receivingKommune: '329', kommuneCaseworkerEmail: uniqueEmail('ringsted') }),
    );
    expect(response.status).toBe(201);
    const id = response.headers.get('x-correlation-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const recordId = ((await response.json()) as { id: string }).id;

    // The access log line (API Gateway's fields) and the handover's metric line carry the same id.
    await expect
      .poll(() => logLines().some((l) => l.type === 'access' && l.requestId === id), { timeout: 5_000 })
      .toBe(true);
    const access = logLines().find((l) => l.type === 'access' && l.requestId === id);
    expect(access).toMatchObject({ routeKey: 'POST /api/handovers', status: '201' });
    // The outbox entry the request wrote names the request, and the sender logs it when it sends.
    const entry = await getItem(stack.tables.outbox, {
      pk: `EMAIL#kommune-handover#${recordId}`,
      sk: 'EMAIL',
    });
    expect(entry?.correlationId).toBe(id);
    await expect
      .poll(
        () =>
          logLines().some(
            (l) =>
              l.message === 'Outbox entry handled' &&
              l.correlation_id === id &&
              String(l.key).includes(recordId),
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    // An error answer carries its id too, for the person to quote.
    const missing = await request('/personale/overdragelser/findes-ikke-xxxxxxxxxxxxxxxxxxxxxxxxx', {
      headers: { authorization: `Bearer ${caseworker}` },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('emits each business event’s metric in the embedded metric format', async () => {
    const before = {
      signUps: metricLines('SignUps').length,
      handovers: metricLines('HandoversConsented').length,
      declined: metricLines('HandoversDeclined').length,
      sent: metricLines('EmailsSent').length,
    };
    const signUp = await request('/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(uniqueEmail('metrics'), { kommuneCode: '329', postalCode: '4100' })),
    });
    expect(signUp.status).toBe(201);
    const caseworker = (await signIn('caseworker')).accessToken;
    expect(
      (await postJson('/api/handovers', caseworker, consentedBody({ receivingKommune: '329' }))).status,
    ).toBe(201);
    const { wantsContact: _w, ...interview } = consentedBody({ receivingKommune: '329' });
    const declined = await postJson('/api/handovers', caseworker, {
      submissionKey: interview.submissionKey,
      centreId: interview.centreId,
      interviewDate: interview.interviewDate,
      receivingKommune: '329',
      wantsContact: false,
    });
    expect(declined.status).toBe(201);
    await expect
      .poll(() => metricLines('SignUps').length, { timeout: 5_000 })
      .toBeGreaterThan(before.signUps);
    // (The stack's output reaches its log file a moment after the response: poll.)
    await expect
      .poll(() => metricLines('HandoversConsented').length, { timeout: 5_000 })
      .toBeGreaterThan(before.handovers);
    await expect
      .poll(() => metricLines('HandoversDeclined').length, { timeout: 5_000 })
      .toBeGreaterThan(before.declined);
    // The sign-up's confirmation email, sent by the outbox sender, is counted there.
    await expect
      .poll(() => metricLines('EmailsSent').length, { timeout: 10_000 })
      .toBeGreaterThan(before.sent);
    const line = metricLines('SignUps').at(-1) as LogLine;
    expect(line.SignUps).toBe(1);
    expect(line.service).toBe('venner');
  });

  it('counts proposals, their answers and the ends of matches', async () => {
    const before = Object.fromEntries(
      ['Proposals', 'ProposalsAccepted', 'ProposalsNotNow', 'MatchesEnded'].map((n) => [
        n,
        metricLines(n).length,
      ]),
    );
    const caseworker = (await signIn('caseworker')).accessToken;
    const coordinator = await staffToken({ role: 'coordinator', kommuner: ['329'] });
    const propose = async () => {
      const record = await postJson('/api/handovers', caseworker, consentedBody({ receivingKommune: '329' }));
      const consentId = ((await record.json()) as { id: string }).id;
      const volunteer = await addConfirmedVolunteer({ kommuneCode: '329', postalCode: '4100' });
      const proposed = await postJson('/api/matches', coordinator, { consentId, volunteerId: volunteer.id });
      expect(proposed.status).toBe(201);
      const [mail] = await waitForEmails(volunteer.email);
      return {
        matchId: ((await proposed.json()) as { id: string }).id,
        link: linkIn(mail as StoredEmail, `${stack.gatewayUrl}/ven/forslag?`),
      };
    };
    const yes = await propose();
    expect((await answerFromLink(yes.link, 'accept')).status).toBe(200);
    const notNow = await propose();
    const url = new URL(notNow.link);
    const answered = await request('/ven/forslag', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
      body: new URLSearchParams({
        match: url.searchParams.get('match') ?? '',
        token: url.searchParams.get('token') ?? '',
        answer: 'not-now',
      }).toString(),
    });
    expect(await answered.text()).toContain('ingen nye forslag indtil videre');
    const ended = await postJson(`/api/matches/${yes.matchId}/actions`, coordinator, {
      action: 'end',
      planned: false,
      endedBy: 'volunteer',
      reason: 'moved',
      rematch: false,
    });
    expect(ended.status).toBeLessThan(300);
    await expect
      .poll(() => metricLines('MatchesEnded').length, { timeout: 5_000 })
      .toBeGreaterThan(before.MatchesEnded ?? 0);
    await expect
      .poll(() => metricLines('Proposals').length, { timeout: 5_000 })
      .toBeGreaterThanOrEqual((before.Proposals ?? 0) + 2);
    await expect
      .poll(() => metricLines('ProposalsAccepted').length, { timeout: 5_000 })
      .toBeGreaterThan(before.ProposalsAccepted ?? 0);
    await expect
      .poll(() => metricLines('ProposalsNotNow').length, { timeout: 5_000 })
      .toBeGreaterThan(before.ProposalsNotNow ?? 0);
  });
});
