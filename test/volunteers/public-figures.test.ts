import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import type { KommuneWithCounters } from '../../functions/domain/kommune.ts';
import { openApiDocument } from '../../functions/domain/openapi.ts';
import { publicFigures, shownCount } from '../../functions/domain/public-figures.ts';
import { apiContracts, figuresResponseSchema } from '../../shared/api-contracts.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';
import { request, stack } from '../support/stack.ts';

const kommune = (
  code: string,
  name: string,
  regionCode: string,
  waiting: number,
  available: number,
): KommuneWithCounters => ({
  code,
  name,
  regionCode,
  region: `Region ${regionCode}`,
  waitingRefugees: waiting,
  availableVolunteers: available,
  confirmedVolunteers: 0,
  volunteersLeft: 0,
});

describe('public figures (domain)', () => {
  it('shows 1 and 2 as "under 3", and 0 and 3+ as numbers', () => {
    expect([0, 1, 2, 3, 40].map(shownCount)).toEqual([0, 'under 3', 'under 3', 3, 40]);
  });

  it('sorts by volunteers missing, most first, then by name; totals give no "under 3" away', () => {
    const figures = publicFigures([
      kommune('101', 'København', '1084', 30, 10),
      kommune('751', 'Aarhus', '1082', 12, 2),
      kommune('461', 'Odense', '1083', 5, 9),
      kommune('147', 'Frederiksberg', '1084', 2, 1),
    ]);
    expect(figures.kommuner.map((k) => [k.name, k.waiting, k.available, k.missing])).toEqual([
      ['København', 30, 10, 20],
      // 12 waiting and "under 3" available: between 10 and 11 missing, as far as the table tells.
      ['Aarhus', 12, 'under 3', { atLeast: 10 }],
      ['Frederiksberg', 'under 3', 'under 3', 'under 3'],
      ['Odense', 5, 9, 0],
    ]);
    // Each total with an "under 3" in it is the exact counts plus 1 for each "under 3": a lower bound.
    expect(figures.totals).toEqual({
      waiting: { atLeast: 48 },
      available: { atLeast: 21 },
      missing: { atLeast: 30 },
    });
    expect(figures.largestMissing).toBe(20);
    // With no "under 3" among them, totals are exact.
    expect(
      publicFigures([kommune('101', 'København', '1084', 30, 10), kommune('751', 'Aarhus', '1082', 12, 4)])
        .totals,
    ).toEqual({ waiting: 42, available: 14, missing: 28 });
  });

  it('shows a small total as "under 3" too, for the country and for a region', () => {
    const all = [
      kommune('101', 'København', '1084', 0, 0),
      kommune('147', 'Frederiksberg', '1084', 1, 0),
      kommune('751', 'Aarhus', '1082', 0, 0),
    ];
    expect(publicFigures(all).totals).toEqual({ waiting: 'under 3', available: 0, missing: 'under 3' });
    expect(publicFigures(all, '1084').totals.waiting).toBe('under 3');
    expect(publicFigures(all, '1082').totals).toEqual({ waiting: 0, available: 0, missing: 0 });
  });

  it('never lets a total give away a count shown as "under 3" (the same table, the same totals)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.nat(40), fc.boolean()), { minLength: 1, maxLength: 98 }),
        fc.boolean(),
        (cells, region) => {
          const build = (swap: boolean) =>
            cells.map(([waiting, available, east], i) => {
              // A count of 1 and one of 2 look the same ("under 3"): the totals must not tell them apart.
              const hide = (n: number) => (swap && (n === 1 || n === 2) ? 3 - n : n);
              return kommune(
                String(100 + i),
                `K${i}`,
                east ? '1084' : '1082',
                hide(waiting),
                hide(available),
              );
            });
          const a = publicFigures(build(false), region ? '1084' : undefined);
          const b = publicFigures(build(true), region ? '1084' : undefined);
          expect(b.kommuner.map((k) => [k.waiting, k.available])).toEqual(
            a.kommuner.map((k) => [k.waiting, k.available]),
          );
          expect(b.kommuner.map((k) => k.missing)).toEqual(a.kommuner.map((k) => k.missing));
          expect(b.totals).toEqual(a.totals);
          expect(b.largestMissing).toBe(a.largestMissing);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('filters by region, and ignores a region that does not exist', () => {
    const all = [kommune('101', 'København', '1084', 3, 0), kommune('751', 'Aarhus', '1082', 4, 0)];
    expect(publicFigures(all, '1082').kommuner.map((k) => k.code)).toEqual(['751']);
    expect(publicFigures(all, '9999').kommuner).toHaveLength(2);
    expect(
      publicFigures(all)
        .regions.map((r) => r.code)
        .sort(),
    ).toEqual(['1082', '1084']);
  });
});

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
