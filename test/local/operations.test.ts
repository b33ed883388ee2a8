import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { metricsNamespace } from '../../shared/operations.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import { getItem, request, signIn, stack, uniqueEmail } from '../support/stack.ts';

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
    expect(metricLines('HandoversConsented').length).toBeGreaterThan(before.handovers);
    expect(metricLines('HandoversDeclined').length).toBeGreaterThan(before.declined);
    // The sign-up's confirmation email, sent by the outbox sender, is counted there.
    await expect
      .poll(() => metricLines('EmailsSent').length, { timeout: 10_000 })
      .toBeGreaterThan(before.sent);
    const line = metricLines('SignUps').at(-1) as LogLine;
    expect(line.SignUps).toBe(1);
    expect(line.service).toBe('venner');
  });
});
