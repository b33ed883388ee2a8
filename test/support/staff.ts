import type { Role } from '../../shared/roles.ts';
import { isPublic, type RouteDefinition } from '../../shared/routes.ts';
import { request, stack } from './stack.ts';

/** The role a staff route is first meant for; undefined for a public route. */
export const roleFor = (route: RouteDefinition): Role | undefined =>
  isPublic(route) ? undefined : (route.access as readonly Role[])[0];

/** A form post from our own pages (the Origin a browser sends), with optional cookies. */
export const postForm = (
  path: string,
  fields: Record<string, string | string[]> | [string, string][],
  options: { cookies?: string; origin?: string } = {},
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

/** Signs in through the sign-in page, as a browser would; the Cookie header for later requests. */
export const signInWithPage = async (role: Role): Promise<string> => {
  const demo = stack.demoLogins.find((login) => login.role === role);
  if (!demo) throw new Error(`No demo login for ${role}`);
  const response = await postForm('/personale/log-ind', {
    step: 'password',
    username: demo.username,
    password: demo.password,
  });
  if (response.status !== 303) throw new Error(`Sign-in answered ${response.status}`);
  const cookies = setCookies(response);
  return Object.entries(cookies)
    .map(([name, { value }]) => `${name}=${value}`)
    .join('; ');
};
