import { expect } from 'vitest';
import { signupBody } from './signup-fixture.ts';
import { linkIn, newClientAddress, requestFrom, stack, waitForEmails } from './stack.ts';

/**
 * Signs a volunteer up through the API from a client address of their own and confirms them from
 * the emailed link, as a person would; returns their id, that client and the self-service session
 * cookie the confirmation sets.
 */
export const signUpAndConfirm = async (email: string, overrides: Record<string, unknown> = {}) => {
  const client = newClientAddress();
  const signedUp = await requestFrom(client, '/api/volunteers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signupBody(email, overrides)),
  });
  expect(signedUp.status).toBe(201);
  const { id } = (await signedUp.json()) as { id: string };
  const [mail] = await waitForEmails(email);
  const token = new URL(
    linkIn(mail as never, `${stack.gatewayUrl}/bliv-ven/bekraeft?token=`),
  ).searchParams.get('token') as string;
  const confirmed = await requestFrom(client, '/bliv-ven/bekraeft', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(confirmed.status).toBe(303);
  const cookie = (confirmed.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
  return { id, client, cookie };
};
