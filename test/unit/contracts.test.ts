import { existsSync } from 'node:fs';
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { EnvContractError, envNames, loadEnv } from '../../shared/env.ts';
import { functionIds, functions } from '../../shared/functions.ts';
import { matchRoute, type RouteDefinition, routes } from '../../shared/routes.ts';
import { schedules, toCronerPattern } from '../../shared/schedules.ts';
import { tableEnvName, tables } from '../../shared/tables.ts';

describe('route table', () => {
  it('matches literal paths, parameters and greedy parameters', () => {
    expect(matchRoute('GET', '/').match?.route.function).toBe('web-pages');
    expect(matchRoute('get', '/health').match?.route.function).toBe('health');
    const asset = matchRoute('GET', '/assets/dkfds/css/dkfds.min.css').match;
    expect(asset?.route.function).toBe('static-assets');
    expect(asset?.pathParameters).toEqual({ file: 'dkfds/css/dkfds.min.css' });
  });

  it('tells a known path with another method (405) from an unknown path (404)', () => {
    expect(matchRoute('POST', '/health')).toEqual({ match: undefined, allowedMethods: ['GET'] });
    expect(matchRoute('GET', '/findes-ikke')).toEqual({ match: undefined, allowedMethods: [] });
  });

  it('prefers a literal path over a parameter, as API Gateway does', () => {
    const table: RouteDefinition[] = [
      {
        method: 'GET',
        path: '/x/{id}',
        function: 'health',
        operation: 'byId',
        access: 'public',
        description: '',
      },
      {
        method: 'GET',
        path: '/x/new',
        function: 'web-pages',
        operation: 'new',
        access: 'public',
        description: '',
      },
    ];
    expect(matchRoute('GET', '/x/new', table).match?.route.function).toBe('web-pages');
    expect(matchRoute('GET', '/x/42', table).match?.pathParameters).toEqual({ id: '42' });
    expect(matchRoute('GET', '/x/4/2', table).match).toBeUndefined();
  });

  it('routes only to functions of the catalogue, each once per method and path', () => {
    const keys = (routes as readonly RouteDefinition[]).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of routes) expect(functionIds).toContain(route.function);
  });
});

describe('function catalogue', () => {
  it('points every function at a handler module that exists', () => {
    for (const id of functionIds) expect(existsSync(functions[id].entry), functions[id].entry).toBe(true);
  });
});

describe('environment contract', () => {
  const complete = {
    STAGE: 'test',
    PUBLIC_BASE_URL: 'https://venner.example.dk',
    EDGE_SECRET: 'a'.repeat(48),
    ASSET_VERSION: '0123456789ab',
    [tableEnvName('kommuner')]: 'venner-test-kommuner',
    [tableEnvName('outbox')]: 'venner-test-outbox',
  };

  it("derives each function's variables from the catalogue", () => {
    // Behind the API (a route or the fallback): the edge secret and asset version as well.
    expect(envNames('health')).toEqual([
      'STAGE',
      'PUBLIC_BASE_URL',
      'EDGE_SECRET',
      'ASSET_VERSION',
      'TABLE_KOMMUNER',
      'TABLE_OUTBOX',
    ]);
    expect(envNames('job-heartbeat')).toEqual(['STAGE', 'PUBLIC_BASE_URL', 'TABLE_KOMMUNER']);
    expect(envNames('not-found')).toEqual(['STAGE', 'PUBLIC_BASE_URL', 'EDGE_SECRET', 'ASSET_VERSION']);
    expect(envNames('staff-sign-in')).toEqual([
      'STAGE',
      'PUBLIC_BASE_URL',
      'EDGE_SECRET',
      'ASSET_VERSION',
      'USER_POOL_CLIENT_ID',
      'COGNITO_ISSUER',
      'TABLE_STAFF',
      'TABLE_RATE_LIMITS',
      'TABLE_ORGANISATIONS',
    ]);
  });

  it('parses a complete environment and ignores variables of other functions', () => {
    expect(loadEnv('health', { ...complete, TABLE_CONSENTS: 'x' })).toEqual(complete);
  });

  it('names every missing or invalid variable', () => {
    const attempt = () => loadEnv('health', { STAGE: 'test', PUBLIC_BASE_URL: 'not a url' });
    expect(attempt).toThrow(EnvContractError);
    expect(attempt).toThrow('Function "health" cannot start: PUBLIC_BASE_URL is invalid');
    expect(attempt).toThrow('TABLE_KOMMUNER is missing');
    expect(() => loadEnv('health', { ...complete, EDGE_SECRET: 'short' })).toThrow('EDGE_SECRET is invalid');
  });
});

describe('table definitions', () => {
  it('names every index key and TTL attribute once, with pk/sk as table keys', () => {
    for (const [name, table] of Object.entries(tables)) {
      expect(table.partitionKey.name, name).toBe('pk');
      const indexNames = table.indexes.map((i) => i.name);
      expect(new Set(indexNames).size, name).toBe(indexNames.length);
    }
  });
});

describe('schedule table', () => {
  it('turns EventBridge cron into croner patterns', () => {
    expect(toCronerPattern('0 6 * * ? *')).toBe('0 6 * * *');
    expect(toCronerPattern('30 7 ? * MON *')).toBe('30 7 * * MON');
    expect(toCronerPattern('0/10 * * * ? *')).toBe('0-59/10 * * * *');
  });

  it('rejects what would mean different things to EventBridge and croner', () => {
    expect(() => toCronerPattern('0 7 ? * 2 *')).toThrow('Write day-of-week with names');
    expect(() => toCronerPattern('0 7 * * ? 2027')).toThrow('year');
    expect(() => toCronerPattern('0 7 * *')).toThrow('six cron fields');
  });

  it('fires in Copenhagen time: a Monday 07:30 job runs at 06:30 UTC in winter and 05:30 in summer', () => {
    const cron = (from: string) =>
      new Cron(toCronerPattern('30 7 ? * MON *'), { timezone: 'Europe/Copenhagen' }).nextRun(new Date(from));
    expect(cron('2026-11-21T00:00:00Z')?.toISOString()).toBe('2026-11-23T06:30:00.000Z');
    expect(cron('2026-06-20T00:00:00Z')?.toISOString()).toBe('2026-06-22T05:30:00.000Z');
  });

  it('gives every job a function of the catalogue and a valid pattern', () => {
    for (const schedule of schedules) {
      expect(functionIds).toContain(schedule.function);
      expect(() => new Cron(toCronerPattern(schedule.cron), { paused: true })).not.toThrow();
    }
  });
});
