import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.ts';
import { isPublic, type RouteDefinition, routes } from '../../shared/routes.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { request, signIn } from '../support/stack.ts';
import { roleFor } from '../support/staff.ts';

/**
 * Every GET route of the route table (and the fallback), as the role it is meant for: every
 * response carries the security headers, every HTML page a CSP without inline scripts, and every
 * staff response `no-store` so no shared cache or back button keeps personal data.
 */

const tokens = {} as Record<Role, string>;
let recordId = '';

beforeAll(async () => {
  for (const role of ['caseworker', 'coordinator', 'admin'] as const) {
    tokens[role] = (await signIn(role)).accessToken;
  }
  const created = await postJson('/api/handovers', tokens.caseworker, consentedBody());
  recordId = ((await created.json()) as { id: string }).id;
});

const examplePath = (route: RouteDefinition): string =>
  route.path
    .replace('{file+}', 'venner.css')
    .replace('{code}', '201')
    .replace('{id}', route.path.includes('handovers') || route.path.includes('flygtning') ? recordId : 'x');

const directives = (csp: string): Map<string, string> =>
  new Map(
    csp
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as [string, string];
      }),
  );

const expectSecurityHeaders = (response: Response, label: string) => {
  const headers = response.headers;
  expect(headers.get('x-content-type-options'), label).toBe('nosniff');
  const hsts = /max-age=(\d+)/.exec(headers.get('strict-transport-security') ?? '');
  expect(Number(hsts?.[1]), `${label}: HSTS of a year or more`).toBeGreaterThanOrEqual(31_536_000);
  expect(headers.get('referrer-policy'), label).toMatch(
    /^(no-referrer|strict-origin(-when-cross-origin)?|same-origin)$/,
  );
  if (!(headers.get('content-type') ?? '').startsWith('text/html')) return;
  const csp = directives(headers.get('content-security-policy') ?? '');
  expect(csp.get('frame-ancestors'), `${label}: frame-ancestors`).toBe("'none'");
  const scripts = csp.get('script-src') ?? csp.get('default-src') ?? '';
  expect(scripts, `${label}: script-src`).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(csp.get('default-src'), label).toBe("'self'");
  expect(csp.get('object-src'), label).toBe("'none'");
};

const getRoutes = (routes as readonly RouteDefinition[]).filter((route) => route.method === 'GET');

describe('security headers', () => {
  it.each(getRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s answers with the security headers',
    async (label, route) => {
      const role = roleFor(route);
      const response = await request(examplePath(route), {
        headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
      });
      expect(response.status, label).toBeLessThan(500);
      expectSecurityHeaders(response, label);
      if (!isPublic(route)) expect(response.headers.get('cache-control'), label).toMatch(/no-store/);
    },
  );

  it('answers a signed-in staff page with a status other than 200 with no-store too', async () => {
    const response = await request('/personale/overdragelser/findes-ikke', {
      headers: { authorization: `Bearer ${tokens.caseworker}`, accept: 'text/html' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    expectSecurityHeaders(response, 'staff 404');
  });

  it('puts the headers on the fallback 404 and 405 pages and on error answers', async () => {
    const unknown = await request('/findes-ikke', { headers: { accept: 'text/html' } });
    expect(unknown.status).toBe(404);
    expectSecurityHeaders(unknown, 'fallback 404');
    const wrongMethod = await request('/mangler-frivillige', { method: 'DELETE' });
    expect([404, 405]).toContain(wrongMethod.status);
    expectSecurityHeaders(wrongMethod, 'wrong method');
    const badJson = await request('/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(badJson.status).toBe(400);
    expectSecurityHeaders(badJson, 'bad JSON');
  });

  it('serves pages that load no inline script', async () => {
    for (const path of ['/', '/bliv-ven', '/mangler-frivillige', '/personale/log-ind']) {
      const page = await (await request(path)).text();
      const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].filter(
        (tag) => !/type="application\/(ld\+)?json"/.test(tag[0]),
      );
      expect(inline, path).toEqual([]);
      expect(page, path).not.toMatch(/\son[a-z]+="/);
    }
  });
});
