import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { openApiDocument } from '../../functions/domain/openapi.ts';
import { apiContracts, figuresResponseSchema } from '../../shared/api-contracts.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';
import { request, stack } from '../support/stack.ts';

describe('GET /api/kommuner/figures and /mangler-frivillige', () => {
  it('answers JSON of the published shape, for all 98 kommuner, cacheable', async () => {
    const response = await request('/api/kommuner/figures');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('public, max-age=60');
    const body = figuresResponseSchema.parse(await response.json());
    expect(body.kommuner).toHaveLength(98);
    expect(body.regions).toHaveLength(5);
    const region = await (await request('/api/kommuner/figures?region=1081')).json();
    expect(region.kommuner.every((k: { region: string }) => k.region === 'Region Nordjylland')).toBe(true);
  });

  it('shows the page with a row per kommune linking to sign-up with that kommune preselected', async () => {
    const page = await (await request('/mangler-frivillige')).text();
    expect(page).toContain('<h1>Hvor mangler der frivillige?</h1>');
    expect(page).toContain('href="/bliv-ven?kommune=751"');
    expect((page.match(/<tr><th scope="row">/g) ?? []).length).toBe(99);
    expect(page).toMatch(/<meter [^>]*aria-label="Aarhus: mangler/);
  });

  it('costs one DynamoDB request to read, whatever the number of volunteers', async () => {
    const client = new DynamoDBClient({
      region: 'eu-north-1',
      endpoint: stack.dynamodbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    let calls = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        calls++;
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const figures = await kommunerRepository(
      DynamoDBDocumentClient.from(client),
      stack.tables.kommuner,
    ).listWithCounters();
    expect(figures).toHaveLength(98);
    expect(calls).toBe(1);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every JSON route of the route table', () => {
    const jsonRoutes = (routes as readonly RouteDefinition[])
      .filter((r) => r.path.startsWith('/api/') || r.path === '/health')
      .map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(apiContracts).sort()).toEqual(jsonRoutes.sort());
  });

  it('serves OpenAPI 3.1 with the sign-up schema generated from the zod contract', async () => {
    const response = await request('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc).toEqual(openApiDocument(apiContracts, stack.gatewayUrl));
    expect(doc.openapi).toBe('3.1.0');
    const schema = doc.paths['/api/volunteers'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['name', 'email', 'kommuneCode', 'consent', 'privacyNoticeVersion']),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.kommuneCode.enum).toHaveLength(98);
    expect(Object.keys(doc.paths['/api/volunteers'].post.responses)).toEqual([
      '201',
      '400',
      '413',
      '415',
      '429',
    ]);
  });
});
