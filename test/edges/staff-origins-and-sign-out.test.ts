import { describe, expect, it } from 'vitest';
import { claimsOf } from '../../functions/adapters/staff-directory.ts';
import { handoverIdFor } from '../../functions/domain/handover.ts';
import { isPublic, type RouteDefinition, routes } from '../../shared/routes.ts';
import { consentedBody, handoverItem } from '../support/handover-fixture.ts';
import { request, signInAs, stack } from '../support/stack.ts';
import { newStaffUser, postForm, roleFor, setCookies, signInWithPageAs } from '../support/staff.ts';

/**
 * The second line of defence behind SameSite=Strict cookies (a change made with the staff
 * cookies must come from our own pages, whatever its content type) and a sign-out that ends the
 * session for real: Cognito's access tokens stay valid until they expire, so the gate refuses
 * tokens issued before the user signed out.
 */

const changes = (routes as readonly RouteDefinition[]).filter(
  (route) => !isPublic(route) && route.method !== 'GET',
);

const pathOf = (route: RouteDefinition) =>
  route.path.replace('{id}', 'A'.repeat(32)).replace('{code}', '101');

/** A signed-in browser session (the two cookies) of a user of this file's own. */
const sessionFor = async (route: RouteDefinition) => {
  const role = roleFor(route) ?? 'admin';
  const user = await newStaffUser({
    role,
    centres: role === 'caseworker' ? ['sandholm'] : [],
    kommuner: role === 'coordinator' ? ['101', '201'] : [],
  });
  return signInWithPageAs(user.username, user.password);
};

const foreign: [string, Record<string, string>][] = [
  ['Origin: null', { origin: 'null' }],
  ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
  ['another site, without Sec-Fetch-Site', { origin: 'https://evil.example' }],
  ['a sibling site', { 'sec-fetch-site': 'same-site' }],
];

describe('every staff change sent with the session cookies from anywhere but our own pages', () => {
  it.each(changes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s is refused with 403, as a form and as JSON',
    async (_, route) => {
      const cookie = await sessionFor(route);
      for (const [what, headers] of foreign) {
        for (const contentType of ['application/x-www-form-urlencoded', 'application/json']) {
          const response = await request(pathOf(route), {
            method: route.method,
            headers: { cookie, 'content-type': contentType, ...headers },
            body: contentType === 'application/json' ? '{}' : 'q=x',
          });
          expect(response.status, `${what}, ${contentType}`).toBe(403);
        }
      }
    },
  );

  it('stores nothing when a valid handover is sent with the cookie from another site', async () => {
    const cookie = await sessionFor(changes.find((r) => r.path === '/api/handovers') as RouteDefinition);
    const body = consentedBody();
    for (const [, headers] of foreign) {
      const response = await request('/api/handovers', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(403);
    }
    expect(await handoverItem(handoverIdFor(body.submissionKey))).toBeUndefined();
    // The same request from our own page is taken: the refusal is about the origin, nothing else.
    const own = await request('/api/handovers', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: stack.gatewayUrl },
      body: JSON.stringify(body),
    });
    expect(own.status).toBe(201);
  });
});

describe('sign-out', () => {
  it('ends the session: the access token no longer answers as a cookie or a Bearer token', async () => {
    const user = await newStaffUser({ role: 'caseworker', centres: ['sandholm'] });
    const cookie = await signInWithPageAs(user.username, user.password);
    const accessToken = cookie.match(/venner_session=([^;]+)/)?.[1] as string;
    const bearer = { authorization: `Bearer ${accessToken}` };
    expect((await request('/api/me', { headers: bearer })).status).toBe(200);
    expect((await request('/personale', { headers: { cookie } })).status).toBe(200);

    const signedOut = await postForm('/personale/log-ud', {}, { cookies: cookie });
    expect(signedOut.status).toBe(303);

    expect((await request('/api/me', { headers: bearer })).status).toBe(401);
    expect(
      (await request('/api/handovers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { headers: bearer })).status,
    ).toBe(401);
    const page = await request('/personale', { headers: { cookie } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/personale\/log-ind\?next=/);

    // A new sign-in (a second later: tokens carry whole seconds) works again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = await signInWithPageAs(user.username, user.password);
    expect((await request('/personale', { headers: { cookie: again } })).status).toBe(200);
  });

  it('ends the session also when only the refresh cookie is left', async () => {
    const user = await newStaffUser({ role: 'coordinator', kommuner: ['101'] });
    const cookie = await signInWithPageAs(user.username, user.password);
    const accessToken = cookie.match(/venner_session=([^;]+)/)?.[1] as string;
    const refreshOnly = cookie
      .split('; ')
      .filter((c) => c.startsWith('venner_refresh='))
      .join('; ');
    const signedOut = await postForm('/personale/log-ud', {}, { cookies: refreshOnly });
    expect(signedOut.status).toBe(303);
    expect(setCookies(signedOut).venner_session?.attributes).toMatch(/Max-Age=0/);
    expect((await request('/api/me', { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(
      401,
    );
  });

  it('leaves other users signed in', async () => {
    const one = await newStaffUser({ role: 'caseworker', centres: ['sandholm'] });
    const other = await newStaffUser({ role: 'caseworker', centres: ['sandholm'] });
    const otherToken = (await signInAs(other.username, other.password)).accessToken;
    const cookie = await signInWithPageAs(one.username, one.password);
    await postForm('/personale/log-ud', {}, { cookies: cookie });
    expect((await request('/api/me', { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(
      200,
    );
  });

  it('uses the deployed pool’s token lifetimes locally: an hour for access, 12 hours for the session', async () => {
    const user = await newStaffUser({ role: 'caseworker', centres: ['sandholm'] });
    const cookie = await signInWithPageAs(user.username, user.password);
    const cookies = Object.fromEntries(cookie.split('; ').map((c) => c.split('=') as [string, string]));
    const access = claimsOf(cookies.venner_session as string);
    expect(Number(access.exp) - Number(access.iat)).toBe(3600);
    const refresh = claimsOf(decodeURIComponent(cookies.venner_refresh as string));
    expect(Number(refresh.exp) - Number(refresh.iat)).toBe(12 * 3600);
  });
});
