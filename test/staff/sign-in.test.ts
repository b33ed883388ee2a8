import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { addStaffUser } from '../../functions/adapters/staff-users.ts';
import { consentedBody, getJson, postJson } from '../support/handover-fixture.ts';
import { cognitoClient, documentClient, request, stack } from '../support/stack.ts';
import { newStaffUser, postForm, setCookies, signInWithPage, signInWithPageAs } from '../support/staff.ts';

const caseworker = stack.demoLogins.find((login) => login.role === 'caseworker');
if (!caseworker) throw new Error('no demo caseworker');

describe('staff sign-in page', () => {
  it('signs in with e-mail and password, sets HttpOnly SameSite cookies and returns to the page asked for', async () => {
    const page = await request('/personale/log-ind?next=/personale/overdragelser');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Log ind for personale');
    const response = await postForm('/personale/log-ind', {
      step: 'password',
      username: caseworker.username.toUpperCase(),
      password: caseworker.password,
      next: '/personale/overdragelser',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/personale/overdragelser');
    const cookies = setCookies(response);
    expect(cookies.venner_session?.attributes).toMatch(/HttpOnly/);
    expect(cookies.venner_session?.attributes).toMatch(/SameSite=Strict/);
    expect(cookies.venner_session?.attributes).toMatch(/Max-Age=\d+/);
    expect(cookies.venner_refresh?.attributes).toMatch(/Path=\/personale;/);
  });

  it('never sends anyone elsewhere after sign-in (no open redirect)', async () => {
    for (const next of ['https://evil.example/', '//evil.example', '/personale/../bliv-ven', '/api/me']) {
      const response = await postForm('/personale/log-ind', {
        step: 'password',
        username: caseworker.username,
        password: caseworker.password,
        next,
      });
      expect(response.headers.get('location'), next).toBe('/personale');
    }
  });

  it('says in Danish that the e-mail or password is wrong, keeps the e-mail and sets no cookie', async () => {
    const response = await postForm('/personale/log-ind', {
      step: 'password',
      username: caseworker.username,
      password: 'wrong-password-1A!',
    });
    expect(response.status).toBe(401);
    const body = await response.text();
    expect(body).toContain('E-mail eller adgangskode er forkert.');
    expect(body).toContain(`value="${caseworker.username}"`);
    expect(response.headers.getSetCookie()).toEqual([]);
    const empty = await postForm('/personale/log-ind', { step: 'password', username: '', password: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Skriv din e-mail.');
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await postForm(
      '/personale/log-ind',
      { step: 'password', username: caseworker.username, password: caseworker.password },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('sends a visitor without a session to the sign-in page, and back after', async () => {
    const response = await request('/personale');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/personale/log-ind?next=%2Fpersonale');
  });

  it('shows the staff home page with the role, and renews an expired session with the refresh cookie', async () => {
    const cookies = await signInWithPage('caseworker');
    const home = await request('/personale', { headers: { cookie: cookies } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('sagsbehandler på asylcenter');
    // The session cookie is gone (expired in the browser): the refresh cookie renews it.
    const refreshOnly = cookies
      .split('; ')
      .filter((c) => c.startsWith('venner_refresh='))
      .join('; ');
    const renewed = await request('/personale', { headers: { cookie: refreshOnly } });
    expect(renewed.status).toBe(200);
    expect(setCookies(renewed).venner_session?.value.length).toBeGreaterThan(20);
  });

  it('names the signed-in staff member by the e-mail the staff table holds, not by their Cognito id', async () => {
    const user = await newStaffUser({ role: 'coordinator', kommuner: ['101'] });
    const cookies = await signInWithPageAs(user.username, user.password);
    const token = /venner_session=([^;]+)/.exec(cookies)?.[1] ?? '';
    const { sub } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      sub: string;
    };
    // What the sign-in remembered, changed before any staff page asked: the header reads the table.
    const shown = `shown.${sub.slice(0, 8)}@venner.local`;
    await documentClient().send(
      new PutCommand({
        TableName: stack.tables.staff,
        Item: {
          pk: `STAFF#${sub}`,
          sk: 'PROFILE',
          sub,
          email: shown,
          lastSignInAt: new Date().toISOString(),
        },
      }),
    );
    const home = await (await request('/personale', { headers: { cookie: cookies } })).text();
    expect(home).toContain(`Du er logget ind som ${shown}`);
    expect(home).toContain(`${shown} (koordinator)`);
    expect(home).not.toContain(sub);
  });

  it('asks a staff member without a name for it once, then names them by it in the header and the audit log', async () => {
    const email = `uden.navn.${randomUUID().slice(0, 8)}@venner.local`;
    await addStaffUser(cognitoClient(), stack.userPoolId, {
      email,
      role: 'caseworker',
      centres: ['sandholm'],
      password: 'Venner-test-2026!',
    });
    const signedIn = await postForm('/personale/log-ind', {
      step: 'password',
      username: email,
      password: 'Venner-test-2026!',
      next: '/personale/overdragelser',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/personale/navn?next=%2Fpersonale%2Foverdragelser');
    const cookies = Object.entries(setCookies(signedIn))
      .map(([name, { value }]) => `${name}=${value}`)
      .join('; ');
    const form = await (
      await request('/personale/navn?next=%2Fpersonale%2Foverdragelser', { headers: { cookie: cookies } })
    ).text();
    expect(form).toContain('Hvad hedder du?');
    const empty = await postForm(
      '/personale/navn',
      { name: ' ', next: '/personale/overdragelser' },
      { cookies },
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Skriv dit fulde navn');
    const saved = await postForm(
      '/personale/navn',
      { name: 'Ulla Udennavn', next: '/personale/overdragelser' },
      { cookies },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/personale/overdragelser');
    const list = await (await request('/personale/overdragelser', { headers: { cookie: cookies } })).text();
    expect(list).toContain('Ulla Udennavn (sagsbehandler på asylcenter)');
    // What they record names them.
    const token = /venner_session=([^;]+)/.exec(cookies)?.[1] ?? '';
    const recorded = await postJson('/api/handovers', token, consentedBody());
    const { id } = (await recorded.json()) as { id: string };
    const view = (await (await getJson(`/api/handovers/${id}`, token)).json()) as {
      recordedBy: { name: string };
    };
    expect(view.recordedBy.name).toBe('Ulla Udennavn');
    // And the next sign-in goes straight on.
    const again = await postForm('/personale/log-ind', {
      step: 'password',
      username: email,
      password: 'Venner-test-2026!',
      next: '/personale',
    });
    expect(again.headers.get('location')).toBe('/personale');
  });

  it('signs out: both cookies cleared and the refresh token revoked', async () => {
    const user = await newStaffUser({ role: 'caseworker', centres: ['sandholm'] });
    const cookies = await signInWithPageAs(user.username, user.password);
    const response = await postForm('/personale/log-ud', {}, { cookies });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/personale/log-ind?ud=1');
    const cleared = setCookies(response);
    expect(cleared.venner_session?.attributes).toMatch(/Max-Age=0/);
    expect(cleared.venner_refresh?.attributes).toMatch(/Max-Age=0/);
    const refreshOnly = cookies
      .split('; ')
      .filter((c) => c.startsWith('venner_refresh='))
      .join('; ');
    const afterwards = await request('/personale', { headers: { cookie: refreshOnly } });
    expect(afterwards.status).toBe(303);
    expect(afterwards.headers.get('location')).toMatch(/^\/personale\/log-ind/);
    expect(await (await request('/personale/log-ind?ud=1')).text()).toContain('Du er logget ud.');
  });

  it('makes a new user (created by an administrator) choose a password at first sign-in', async () => {
    const email = `ny.${Date.now().toString(36)}@venner.local`;
    await addStaffUser(cognitoClient(), stack.userPoolId, {
      email,
      role: 'caseworker',
      centres: ['avnstrup'],
      temporaryPassword: 'Midlertidig-2026!',
    });
    const first = await postForm('/personale/log-ind', {
      step: 'password',
      username: email,
      password: 'Midlertidig-2026!',
    });
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain('Vælg en ny adgangskode');
    const session = /name="session" value="([^"]+)"/.exec(page)?.[1];
    expect(session).toBeTruthy();
    const weak = await postForm('/personale/log-ind', {
      step: 'new-password',
      username: email,
      session: session ?? '',
      newPassword: '',
    });
    expect(await weak.text()).toContain('Skriv en ny adgangskode.');
    const done = await postForm('/personale/log-ind', {
      step: 'new-password',
      username: email,
      session: session ?? '',
      newPassword: 'Min-egen-kode-2026!',
    });
    expect(done.status).toBe(303);
    const me = await request('/api/me', {
      headers: { cookie: `venner_session=${setCookies(done).venner_session?.value}` },
    });
    expect(await me.json()).toMatchObject({ roles: ['caseworker'], centres: ['avnstrup'] });
    const user = await cognitoClient().send(
      new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: email }),
    );
    expect(user.UserStatus).toBe('CONFIRMED');
  });
});
