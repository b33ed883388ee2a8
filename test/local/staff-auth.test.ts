import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { request, signIn, stack } from '../support/stack.ts';

const forge = (payload: Record<string, unknown>): string => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' })}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
};

describe('the staff gate every staff route shares', () => {
  it('answers an API request without a token with 401 in Danish', async () => {
    const response = await request('/api/me');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Du skal logge ind for at se denne side.' });
  });

  it('lets a signed-in coordinator in with a Bearer access token and tells their role and scope', async () => {
    const { accessToken } = await signIn('coordinator');
    const response = await request('/api/me', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(200);
    const me = (await response.json()) as { roles: string[]; centres: string[]; kommuner: string[] };
    expect(me).toMatchObject({ roles: ['coordinator'], centres: [] });
    expect([...me.kommuner].sort()).toEqual(['101', '201']);
  });

  it('accepts the session cookie as well as the header', async () => {
    const { accessToken } = await signIn('caseworker');
    const response = await request('/api/me', { headers: { cookie: `venner_session=${accessToken}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ roles: ['caseworker'], centres: ['sandholm'] });
  });

  it('refuses an ID token, a forged token and an expired one', async () => {
    const { idToken } = await signIn('caseworker');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: stack.cognitoIssuer,
      token_use: 'access',
      client_id: stack.userPoolClientId,
      sub: 'x',
      username: 'x',
      'cognito:groups': ['admin'],
      iat: now,
      exp: now + 3600,
    };
    for (const token of [idToken, forge(claims), forge({ ...claims, exp: now - 10 })]) {
      const response = await request('/api/me', { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
    }
  });
});
