import { randomUUID } from 'node:crypto';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { addStaffUser, type StaffUserSpec, staffSub } from '../../functions/adapters/staff-users.ts';
import type { Role } from '../../shared/roles.ts';
import { isPublic, type RouteDefinition } from '../../shared/routes.ts';
import { cognitoClient, documentClient, request, stack } from './stack.ts';

/** The role a staff route is first meant for; undefined for a public route. */
export const roleFor = (route: RouteDefinition): Role | undefined =>
  isPublic(route) ? undefined : (route.access as readonly Role[])[0];

/** A form post from our own pages (the Origin a browser sends), with optional cookies. */
export const postForm = (
  path: string,
  fields: Record<string, string | string[]> | [string, string][],
  options: { cookies?: string; origin?: string; token?: string } = {},
) => {
  const body = new URLSearchParams();
  const entries = Array.isArray(fields)
    ? fields
    : Object.entries(fields).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, string]),
      );
  for (const [name, value] of entries) body.append(name, value);
  return request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: options.origin ?? stack.gatewayUrl,
      ...(options.cookies ? { cookie: options.cookies } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: body.toString(),
  });
};

/** `name=value` pairs of a response's Set-Cookie headers. */
export const setCookies = (response: Response): Record<string, { value: string; attributes: string }> =>
  Object.fromEntries(
    response.headers.getSetCookie().map((cookie) => {
      const [pair = '', ...attributes] = cookie.split(';');
      const at = pair.indexOf('=');
      return [pair.slice(0, at), { value: pair.slice(at + 1), attributes: attributes.join(';').trim() }];
    }),
  );

/** Signs a user in through the sign-in page, as a browser would; the Cookie header for later requests. */
export const signInWithPageAs = async (username: string, password: string): Promise<string> => {
  const response = await postForm('/personale/log-ind', { step: 'password', username, password });
  if (response.status !== 303) throw new Error(`Sign-in answered ${response.status}`);
  const cookies = setCookies(response);
  return Object.entries(cookies)
    .map(([name, { value }]) => `${name}=${value}`)
    .join('; ');
};

/** Signs the demo user of a role in through the sign-in page. Never sign them out: that ends every test's session. */
export const signInWithPage = async (role: Role): Promise<string> => {
  const demo = stack.demoLogins.find((login) => login.role === role);
  if (!demo) throw new Error(`No demo login for ${role}`);
  return signInWithPageAs(demo.username, demo.password);
};

const newUserPassword = 'Venner-test-2026!';

/**
 * A staff user of this file's own (signing out ends all of a user's sessions, so a test that signs
 * out must not use a demo user other files share): their username and password.
 */
export const newStaffUser = async (
  spec: Omit<StaffUserSpec, 'email' | 'password'>,
): Promise<{ username: string; password: string }> => {
  const username = `${spec.role}.${randomUUID().slice(0, 8)}@venner.local`;
  const name = `Test ${spec.role}`;
  await addStaffUser(cognitoClient(), stack.userPoolId, {
    name,
    ...spec,
    email: username,
    password: newUserPassword,
  });
  // A name, as an administrator gives one: without it the first sign-in asks for it.
  await staffDirectory(documentClient(), stack.tables.staff).setName(
    await staffSub(cognitoClient(), stack.userPoolId, username),
    name,
  );
  return { username, password: newUserPassword };
};
