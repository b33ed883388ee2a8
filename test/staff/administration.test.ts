import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { cognitoClient, request, stack } from '../support/stack.ts';
import { postForm, signInWithPage } from '../support/staff.ts';

/** The administration's guards: nobody locks themselves (or everyone) out, and odd queries do no harm. */

let admin: string;
let adminUsername: string;
beforeAll(async () => {
  admin = await signInWithPage('admin');
  const login = stack.demoLogins.find((l) => l.role === 'admin');
  adminUsername =
    (
      await cognitoClient().send(
        new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: login?.username }),
      )
    ).Username ?? '';
});

describe('the administration screen', () => {
  it('will not let an administrator disable, remove or demote themselves', async () => {
    const path = `/personale/administration/medarbejdere/${adminUsername}`;
    for (const action of ['disable', 'remove']) {
      const response = await postForm(path, { action }, { cookies: admin });
      expect(response.status, action).toBe(400);
      expect(await response.text(), action).toContain('Du kan ikke deaktivere eller slette dig selv');
    }
    const demoted = await postForm(
      path,
      { action: 'scope', role: 'coordinator', kommune: '101' },
      { cookies: admin },
    );
    expect(demoted.status).toBe(400);
    expect(await demoted.text()).toContain('Du kan ikke fratage dig selv rollen som administrator');
    // Still an administrator, still in.
    expect((await request('/personale/administration', { headers: { cookie: admin } })).status).toBe(200);
  });

  it('shows only its own notices, whatever the query says', async () => {
    for (const besked of ['constructor', '__proto__', 'toString', 'oprettet']) {
      const response = await request(`/personale/administration?besked=${besked}`, {
        headers: { cookie: admin },
      });
      expect(response.status, besked).toBe(200);
      const text = await response.text();
      expect(text, besked).not.toContain('function');
      if (besked === 'oprettet') expect(text).toContain('Medarbejderen er oprettet');
    }
  });

  it('does not ask someone with a name for it again, nor let them change it there', async () => {
    const form = await request('/personale/navn?next=%2Fpersonale', { headers: { cookie: admin } });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/personale');
    const changed = await postForm(
      '/personale/navn',
      { name: 'Nogen Andre', next: '/personale' },
      { cookies: admin },
    );
    expect(changed.status).toBe(303);
    const home = await (await request('/personale', { headers: { cookie: admin } })).text();
    expect(home).toContain('Anna Administrator');
    expect(home).not.toContain('Nogen Andre');
  });
});
