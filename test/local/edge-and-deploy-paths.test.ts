import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, CloudFormationCustomResourceEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { kommuneKey } from '../../functions/adapters/kommuner-table.ts';
import { clientAddress, edgeSecretHeader, viewerAddressHeader } from '../../functions/http/edge.ts';
import { customResource } from '../../functions/lib/custom-resource.ts';
import { assetVersion } from '../../infra/build-assets.ts';
import { useDirectGateway } from '../support/direct-gateway.ts';
import { getItem, request, requestFrom, stack } from '../support/stack.ts';

/**
 * The paths a deploy adds to every request and to the deploy itself, run locally: the edge secret
 * CloudFront sends (a request straight to the API is refused), the viewer's address it passes on,
 * asset URLs carrying the build's version, and the custom resource that loads the kommuner.
 */

const directUrl = useDirectGateway(3147);

describe('requests that bypass CloudFront', () => {
  it('are refused on every kind of route with a Danish 403, while the same requests through the edge answer', async () => {
    for (const path of [
      '/',
      '/health',
      '/bliv-ven',
      '/personale/log-ind',
      '/api/kommuner/figures',
      '/findes-ikke',
    ]) {
      const bypass = await fetch(`${directUrl()}${path}`, { redirect: 'manual' });
      expect(bypass.status, path).toBe(403);
      expect(await bypass.text(), path).toContain('Brug adressen på venner-sitet');
      const edge = await request(path);
      expect([200, 404], path).toContain(edge.status);
    }
    // A guessed secret is no better than none.
    const guessed = await fetch(`${directUrl()}/health`, { headers: { [edgeSecretHeader]: 'x'.repeat(64) } });
    expect(guessed.status).toBe(403);
  });

  it('accepts our own forms although CloudFront sends the API’s Host, not the site’s', async () => {
    // What the function sees behind CloudFront: Host is the execute-api name, Origin the site.
    const response = await requestFrom('127.8.8.8', '/personale/glemt-adgangskode', {
      method: 'POST',
      headers: {
        host: 'abc123xyz.execute-api.eu-north-1.amazonaws.com',
        origin: stack.gatewayUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ step: 'request', username: 'ingen@venner.local' }).toString(),
    });
    expect(response.status).toBe(200);
    // And another site is still refused.
    const foreign = await requestFrom('127.8.8.9', '/personale/glemt-adgangskode', {
      method: 'POST',
      headers: {
        host: 'abc123xyz.execute-api.eu-north-1.amazonaws.com',
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ step: 'request', username: 'ingen@venner.local' }).toString(),
    });
    expect(foreign.status).toBe(403);
  });

  it('cannot claim a viewer address: the edge sets it from the connection', async () => {
    // Two requests from one client that claim other addresses still count as that client.
    const event = (headers: Record<string, string>, sourceIp = '192.0.2.1') =>
      ({ headers, requestContext: { http: { sourceIp } } }) as unknown as APIGatewayProxyEventV2;
    expect(clientAddress(event({ [viewerAddressHeader]: '198.51.100.10:46532' }))).toBe('198.51.100.10');
    expect(clientAddress(event({ [viewerAddressHeader]: '2001:db8::1:443' }))).toBe('2001:db8:0:0::/64');
    expect(clientAddress(event({ [viewerAddressHeader]: '2001:db8:aa:bb:1:2:3:4:443' }))).toBe(
      '2001:db8:aa:bb::/64',
    );
    expect(clientAddress(event({ [viewerAddressHeader]: '999.1.1.1:80' }))).toBe('192.0.2.1');
    expect(clientAddress(event({ [viewerAddressHeader]: 'not an address' }))).toBe('192.0.2.1');
    expect(clientAddress(event({}))).toBe('192.0.2.1');
    const spoofed = await requestFrom('127.9.9.9', '/health', {
      headers: { [viewerAddressHeader]: '203.0.113.5:1234' },
    });
    expect(spoofed.status).toBe(200);
  });
});

describe('assets', () => {
  it('are linked under the build’s version and kept a year there; an unversioned or old URL only briefly', async () => {
    const version = assetVersion();
    const page = await (await request('/')).text();
    expect(page).toContain(`href="/assets/${version}/dkfds/css/dkfds.min.css"`);
    expect(page).toContain(`href="/assets/${version}/venner.css"`);
    const current = await request(`/assets/${version}/venner.css`);
    expect(current.status).toBe(200);
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await current.text()).toContain('venner');
    for (const path of ['/assets/venner.css', '/assets/000000000000/venner.css']) {
      const other = await request(path);
      expect(other.status, path).toBe(200);
      expect(other.headers.get('cache-control'), path).toBe('public, max-age=300');
    }
    // The version is no way out of the folder.
    expect((await request(`/assets/${version}/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('the kommuner custom resource', () => {
  it('loads the 98 on Create and Update, leaves counters alone, does nothing on Delete, and always answers CloudFormation', async () => {
    const answers: Record<string, unknown>[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        answers.push({ method: req.method, ...JSON.parse(body) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/answer`;
    try {
      const { handler } = await import('../../functions/handlers/reference-data.ts');
      const before = await getItem(stack.tables.kommuner, kommuneKey('825'));
      const event = (RequestType: string) =>
        ({
          RequestType,
          ResponseURL: url,
          StackId: 'arn:aws:cloudformation:eu-north-1:000000000000:stack/venner-test-stateless/1',
          RequestId: `request-${RequestType}`,
          LogicalResourceId: 'KommunerReferenceData',
          ResourceType: 'Custom::KommunerReferenceData',
          ResourceProperties: { ServiceToken: 'arn', fingerprint: 'abc' },
        }) as unknown as CloudFormationCustomResourceEvent;
      for (const type of ['Create', 'Update', 'Delete']) await handler(event(type));
      expect(answers).toEqual([
        expect.objectContaining({
          method: 'PUT',
          Status: 'SUCCESS',
          RequestId: 'request-Create',
          Data: { kommuner: '98' },
        }),
        expect.objectContaining({ Status: 'SUCCESS', RequestId: 'request-Update', Data: { kommuner: '98' } }),
        expect.objectContaining({ Status: 'SUCCESS', RequestId: 'request-Delete', Data: {} }),
      ]);
      for (const answer of answers) {
        expect(answer).toMatchObject({
          PhysicalResourceId: 'venner-kommuner-reference-data',
          LogicalResourceId: 'KommunerReferenceData',
        });
      }
      const after = await getItem(stack.tables.kommuner, kommuneKey('825'));
      expect(after).toMatchObject({ code: '825', name: before?.name, regionCode: before?.regionCode });
      for (const counter of [
        'availableVolunteers',
        'waitingRefugees',
        'confirmedVolunteers',
        'volunteersLeft',
      ])
        expect(after?.[counter], counter).toEqual(before?.[counter]);
    } finally {
      server.close();
    }
  });

  it('answers FAILED with the reason when loading fails, so the deploy stops at once instead of waiting an hour', async () => {
    const sent: unknown[] = [];
    const failing = customResource(
      'id',
      async () => {
        throw new Error('The kommuner table is missing');
      },
      async (_url, response) => void sent.push(response),
    );
    const response = await failing({
      RequestType: 'Create',
      ResponseURL: 'https://example.invalid/answer',
      StackId: 's',
      RequestId: 'r',
      LogicalResourceId: 'l',
    } as unknown as CloudFormationCustomResourceEvent);
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('The kommuner table is missing'),
    });
    expect(sent).toEqual([response]);
  });
});
