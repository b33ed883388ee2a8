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

  it('draws a map of all 98 kommuner, each a link to its sign-up named with the figures from the counters', async () => {
    const html = await (await request('/mangler-frivillige?region=1085')).text();
    expect(html).toContain('<h1>Hvor mangler der frivillige?</h1>');
    const links = [
      ...html.matchAll(
        /<a href="\/bliv-ven\?kommune=(\d+)" aria-label="([^"]+)"><path d="M[^"]+" class="([^"]+)" fill="(#[0-9a-f]{6})"/g,
      ),
    ];
    expect(links).toHaveLength(98);
    expect(new Set(links.map((l) => l[1])).size).toBe(98);
    // The names say the figures the counters hold, as the table shows them.
    const figures = (await (await request('/api/kommuner/figures')).json()) as {
      kommuner: { code: string; name: string; waiting: number | string; available: number | string }[];
    };
    for (const k of figures.kommuner) {
      const link = links.find((l) => l[1] === k.code);
      expect(link?.[2], k.name).toMatch(
        new RegExp(`^${k.name}: ${k.waiting} venter på en ven, ${k.available} ledige frivillige, mangler `),
      );
    }
    // Region Sjælland (17 kommuner) is outlined; the others are faint.
    expect(links.filter((l) => !l[3]?.includes('venner-map-dim'))).toHaveLength(17);
    expect(html).toMatch(/I Region Sjælland mangler der /);
    // The legend in words, and the data's attribution.
    for (const words of [
      'Mangler ingen',
      'Mangler under 3',
      'Mangler 3–9',
      'Mangler 10–24',
      'Mangler 25 eller flere',
    ])
      expect(html).toContain(words);
    expect(html).toContain('Indeholder data fra Geodatastyrelsen (DAGI)');
    // The table stays: the kommuner with figures in rows, the rest named in a list, each linked.
    const rows = (html.match(/<tr><th scope="row"><a href="\/bliv-ven\?kommune=/g) ?? []).length;
    const quiet = (html.match(/venner-quiet-kommuner/g) ?? []).length
      ? (html.split('venner-quiet-kommuner')[1]?.match(/href="\/bliv-ven\?kommune=/g) ?? []).length
      : 0;
    expect(rows + quiet).toBe(17);
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
