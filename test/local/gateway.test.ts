import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from '../../infra/build-assets.ts';
import { type RunningGateway, startGateway } from '../../scripts/local/gateway.ts';
import type { RouteDefinition } from '../../shared/routes.ts';
import { request } from '../support/stack.ts';

/**
 * The gateway's translation, checked with an echo handler behind a small route table: what a
 * handler receives is what API Gateway (HTTP API, payload 2.0) would send.
 */
describe('local gateway: the event a handler receives', () => {
  const table: RouteDefinition[] = [
    {
      method: 'GET',
      path: '/echo/{name}',
      function: 'health',
      operation: 'echo',
      access: 'public',
      description: 'echo',
    },
    {
      method: 'POST',
      path: '/echo/{name}',
      function: 'health',
      operation: 'echo',
      access: 'public',
      description: 'echo',
    },
    {
      method: 'GET',
      path: '/files/{file+}',
      function: 'web-pages',
      operation: 'binary',
      access: 'public',
      description: 'binary',
    },
  ];
  const received: APIGatewayProxyEventV2[] = [];
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      port: 0,
      routeTable: table,
      loadHandler: async (id) =>
        id === 'health'
          ? async (event: APIGatewayProxyEventV2) => {
              received.push(event);
              return {
                statusCode: 200,
                body: 'ok',
                cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
                headers: { 'X-Echo': 'yes' },
              };
            }
          : id === 'web-pages'
            ? async () => ({
                statusCode: 200,
                headers: { 'content-type': 'application/octet-stream' },
                isBase64Encoded: true,
                body: Buffer.from([0, 1, 2, 255]).toString('base64'),
              })
            : async () => ({ statusCode: 404, body: 'fallback' }),
    });
  });
  afterAll(() => gateway.close());

  const last = () => received.at(-1) as APIGatewayProxyEventV2;

  it('passes the raw path, raw query string, decoded and joined query parameters, and path parameters', async () => {
    await fetch(`${gateway.url}/echo/%C3%A6bler?b=2&a=x%20y&b=3`);
    const event = last();
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /echo/{name}');
    expect(event.rawPath).toBe('/echo/%C3%A6bler');
    expect(event.rawQueryString).toBe('b=2&a=x%20y&b=3');
    expect(event.queryStringParameters).toEqual({ a: 'x y', b: '2,3' });
    expect(event.pathParameters).toEqual({ name: '%C3%A6bler' });
    expect(event.requestContext.http).toMatchObject({
      method: 'GET',
      path: '/echo/æbler',
      protocol: 'HTTP/1.1',
    });
    expect(event.requestContext.routeKey).toBe('GET /echo/{name}');
    expect(event.requestContext.stage).toBe('$default');
    expect(event.requestContext.timeEpoch).toBeGreaterThan(0);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBeUndefined();
  });

  it('lower-cases headers, moves cookies to `cookies` and keeps no cookie header', async () => {
    await fetch(`${gateway.url}/echo/x`, {
      headers: { 'X-Mixed-Case': 'Value', Cookie: 'session=abc; lang=da' },
    });
    const event = last();
    expect(event.headers['x-mixed-case']).toBe('Value');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['session=abc', 'lang=da']);
    expect(event.queryStringParameters).toBeUndefined();
  });

  it('passes JSON bodies as text and form bodies base64-encoded, as API Gateway does', async () => {
    await fetch(`${gateway.url}/echo/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ navn: 'Åse' }),
    });
    expect(last()).toMatchObject({ isBase64Encoded: false, body: '{"navn":"Åse"}' });

    await fetch(`${gateway.url}/echo/x`, {
      method: 'POST',
      body: new URLSearchParams({ navn: 'Åse Ø', by: 'Aarhus' }),
    });
    const form = last();
    expect(form.isBase64Encoded).toBe(true);
    expect(form.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(Buffer.from(form.body ?? '', 'base64').toString('utf8')).toBe('navn=%C3%85se+%C3%98&by=Aarhus');
  });

  it('maps headers, multiple cookies and base64 bodies back', async () => {
    const response = await fetch(`${gateway.url}/echo/x`);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    const binary = await fetch(`${gateway.url}/files/a/b.bin`);
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('sends what no route matches to the fallback function, and refuses bodies over 10 MB with 413', async () => {
    expect(await (await fetch(`${gateway.url}/nowhere`)).text()).toBe('fallback');
    const big = await fetch(`${gateway.url}/echo/x`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(big.status).toBe(413);
  });
});

describe('local gateway with the real functions', () => {
  it('answers 404 with a Danish page for an unknown path', async () => {
    const response = await request('/findes-ikke');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('Siden findes ikke');
  });

  it('answers 404 as JSON under /api/', async () => {
    const response = await request('/api/findes-ikke');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Siden findes ikke.' });
  });

  it('answers 405 with an Allow header for a known path and the wrong method', async () => {
    const response = await request('/health', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('serves binary assets byte for byte, with caching and a working ETag', async () => {
    const file = 'dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2';
    const response = await request(`/assets/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');
    expect(response.headers.get('cache-control')).toContain('max-age');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(readFileSync(path.join(buildDir, 'public', file)))).toBe(true);
    const etag = response.headers.get('etag') ?? '';
    const again = await request(`/assets/${file}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('never serves files outside the public folder', async () => {
    for (const attempt of [
      '/assets/..%2F..%2Fnode_modules%2Fdkfds%2Fdist%2Fcss%2Fdkfds.css',
      '/assets/%2E%2E/%2E%2E/web/public/venner.css',
      '/assets/venner.ts',
    ]) {
      const response = await request(attempt);
      expect(response.status, attempt).toBe(404);
    }
  });

  it('answers a malformed percent-encoding with 400, not an error', async () => {
    const response = await request('/assets/%E0%A4%A');
    expect(response.status).toBe(400);
  });
});
