import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { cognitoStaffSessions } from '../../functions/adapters/staff-sessions.ts';
import { projectRoot } from '../../infra/build-assets.ts';
import { newClientAddress, request, requestFrom, stack } from '../support/stack.ts';
import { newStaffUser, postForm, signInWithPageAs } from '../support/staff.ts';

/**
 * "Glemt adgangskode" through Cognito: against cognito-local as far as it goes (it keeps the emailed
 * code in its data file, where the test reads it instead of a mailbox), with scripted Cognito
 * answers for what it cannot produce (too many codes asked for).
 */

const emailedCode = (username: string): string => {
  const file = path.join(
    projectRoot,
    '.local',
    'test',
    'cognito',
    '.cognito',
    'db',
    `${stack.userPoolId}.json`,
  );
  const users = JSON.parse(readFileSync(file, 'utf8')).Users as Record<
    string,
    { ConfirmationCode?: string; Attributes?: { Name: string; Value: string }[] }
  >;
  const user = Object.values(users).find((u) =>
    u.Attributes?.some((a) => a.Name === 'email' && a.Value === username),
  );
  const code = user?.ConfirmationCode;
  if (!code) throw new Error(`No code for ${username} in ${JSON.stringify(user)}`);
  return code;
};

describe('a forgotten staff password', () => {
  it('is linked from the sign-in page, and gets the same answer for an unknown address', async () => {
    expect(await (await request('/personale/log-ind')).text()).toContain(
      '<a href="/personale/glemt-adgangskode">Glemt adgangskode?</a>',
    );
    const page = await (await request('/personale/glemt-adgangskode')).text();
    expect(page).toContain('<h1>Glemt adgangskode</h1>');
    const unknown = await postForm('/personale/glemt-adgangskode', {
      step: 'request',
      username: 'ingen@venner.local',
    });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain(
      'Hvis ingen@venner.local er en medarbejder i Venner, har vi sendt en kode dertil.',
    );
    const bad = await postForm('/personale/glemt-adgangskode', {
      step: 'request',
      username: 'ikke en e-mail',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Skriv den e-mail, du logger ind med');
  });

  it('is replaced with the emailed code: a wrong code or a weak password is refused, then the new one signs in and the old does not', async () => {
    const user = await newStaffUser({ role: 'coordinator', kommuner: ['101'] });
    const asked = await postForm('/personale/glemt-adgangskode', {
      step: 'request',
      username: user.username,
    });
    const form = await asked.text();
    expect(form).toContain('Kode fra e-mailen');
    expect(form).toContain(`name="username" value="${user.username}"`);
    const code = emailedCode(user.username);
    const confirm = (fields: Record<string, string>) =>
      postForm('/personale/glemt-adgangskode', { step: 'confirm', username: user.username, ...fields });

    const wrong = await confirm({
      code: code === '000000' ? '111111' : '000000',
      newPassword: 'Helt-Ny-Kode-2026!',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Koden er forkert eller udløbet');
    const missing = await confirm({ code: 'abc', newPassword: '' });
    expect(await missing.text()).toContain('Skriv de seks cifre fra e-mailen.');

    const reset = await confirm({ code, newPassword: 'Helt-Ny-Kode-2026!' });
    expect(reset.status).toBe(303);
    expect(reset.headers.get('location')).toBe('/personale/log-ind?nulstillet=1');
    expect(await (await request('/personale/log-ind?nulstillet=1')).text()).toContain(
      'Din adgangskode er skiftet. Log ind med den nye.',
    );
    await expect(signInWithPageAs(user.username, 'Helt-Ny-Kode-2026!')).resolves.toContain('=');
    await expect(signInWithPageAs(user.username, user.password)).rejects.toThrow('Sign-in answered 401');
  });

  it('limits code requests per client address: 429 with Retry-After after five in ten minutes', async () => {
    const client = newClientAddress();
    const ask = () =>
      requestFrom(client, '/personale/glemt-adgangskode', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
        body: new URLSearchParams({ step: 'request', username: 'ingen@venner.local' }).toString(),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await ask();
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Der er bedt om mange koder på kort tid.');
  });

  it('answers alike when Cognito refuses more codes, and refuses an expired code (scripted Cognito answers)', async () => {
    const answering = (name: string) =>
      cognitoStaffSessions({ clientId: 'c' }, {
        send: async () => {
          throw Object.assign(new Error(name), { name });
        },
      } as unknown as CognitoIdentityProviderClient);
    // Cognito's own limit per user is not told: it would say the address is a staff member's.
    expect(await answering('LimitExceededException').requestPasswordReset('a@b.dk')).toBe('sent');
    expect(await answering('UserNotFoundException').requestPasswordReset('a@b.dk')).toBe('sent');
    expect(await answering('ExpiredCodeException').confirmPasswordReset('a@b.dk', '123456', 'x')).toBe(
      'refused',
    );
    await expect(answering('InternalErrorException').requestPasswordReset('a@b.dk')).rejects.toThrow();
  });
});
