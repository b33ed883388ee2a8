import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from './errors.ts';

/** A cookie's value from the event (API Gateway moves cookies to `event.cookies`). */
export const readCookie = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const prefix = `${name}=`;
  return event.cookies?.find((cookie) => cookie.startsWith(prefix))?.slice(prefix.length);
};

/** A percent-encoded cookie's value, decoded; undefined when it is not validly encoded (no session, not an error). */
export const readEncodedCookie = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const raw = readCookie(event, name);
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
};

/** HttpOnly, Secure (browsers accept Secure on http://localhost too) and SameSite=Strict. */
export const sessionCookie = (name: string, value: string, maxAgeSeconds: number, path = '/'): string =>
  `${name}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;

export const clearCookie = (name: string, path = '/'): string =>
  `${name}=; Path=${path}; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;

/**
 * Cross-site request protection for state-changing posts, on top of SameSite=Strict cookies:
 * a browser's Origin (or Sec-Fetch-Site) must say the request comes from our own pages. An opaque
 * origin (`Origin: null`: a sandboxed frame, a data: URL, a redirect from elsewhere) is not ours
 * either; our own pages always send their origin. No Origin at all is a client that is not a
 * browser (a browser sends one with every POST), which SameSite=Strict cookies never reach.
 */
/** The site's own host (`PUBLIC_BASE_URL`): behind CloudFront the Host header names the API, not the site. */
let siteHost: string | undefined;
const ownHost = (): string | undefined => {
  if (siteHost === undefined && process.env.PUBLIC_BASE_URL)
    siteHost = new URL(process.env.PUBLIC_BASE_URL).host;
  return siteHost;
};

export const assertSameOrigin = (event: APIGatewayProxyEventV2): void => {
  const headers = event.headers ?? {};
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    throw new ForbiddenError('Forespørgslen kom fra et andet websted og blev afvist.');
  const origin = headers.origin;
  if (origin === undefined || origin === '') return;
  if (origin === 'null') throw new ForbiddenError('Forespørgslen kom fra et andet websted og blev afvist.');
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new ForbiddenError('Forespørgslen kom fra et andet websted og blev afvist.');
  }
  if (host !== ownHost() && host !== headers.host && host !== event.requestContext.domainName) {
    throw new ForbiddenError('Forespørgslen kom fra et andet websted og blev afvist.');
  }
};

export const redirect = (location: string, cookies?: string[]) => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  cookies,
});

/** One query-string parameter of the request, or undefined. */
export const queryParameter = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  event.queryStringParameters?.[name];

/** `?lang=en` selects English; everything else is Danish. */
export const langOf = (event: APIGatewayProxyEventV2): 'da' | 'en' =>
  event.queryStringParameters?.lang === 'en' ? 'en' : 'da';
