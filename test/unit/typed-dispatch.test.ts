import { describe, expect, it } from 'vitest';
import { functionIds } from '../../shared/functions.ts';
import { type Operations, pathOf, type RouteDefinition, routes } from '../../shared/routes.ts';

/**
 * The route table names each route's operation; each handler must export exactly the operations
 * its function has. The compile-time half is checked by `npm run typecheck` (the `@ts-expect-error`
 * lines below fail it if a missing or an extra operation ever compiles); the run-time half here.
 */

type Handle = (request: unknown) => Promise<unknown>;
const ok: Handle = async () => undefined;

// A function's operations, exactly: this compiles.
const complete = {
  ownPage: ok,
  change: ok,
  sendLink: ok,
  linkSent: ok,
  signInLink: ok,
  signIn: ok,
  erased: ok,
  unsubscribeLink: ok,
  unsubscribe: ok,
} satisfies Operations<'volunteer-self-service', unknown, unknown>;

// @ts-expect-error: an operation of the route table without a handler does not compile.
const missing = { ownPage: ok } satisfies Operations<'volunteer-self-service', unknown, unknown>;

const extra = {
  ...complete,
  // @ts-expect-error: a handler without a route does not compile.
  notARoute: ok,
} satisfies Operations<'volunteer-self-service', unknown, unknown>;

describe('typed dispatch from the route table', () => {
  it('gives every route an operation, unique within its function', () => {
    const table = routes as readonly RouteDefinition[];
    for (const fn of functionIds) {
      const operations = table.filter((route) => route.function === fn).map((route) => route.operation);
      expect(new Set(operations).size, fn).toBe(operations.length);
    }
    expect(table.every((route) => /^[a-z][A-Za-z]+$/.test(route.operation))).toBe(true);
    expect(Object.keys(complete)).toHaveLength(9);
    expect(missing).toBeDefined();
    expect(extra).toBeDefined();
  });

  it("builds a route's path from its function and operation, parameters filled in", () => {
    expect(pathOf('handovers', 'view', { id: 'abc' })).toBe('/personale/overdragelser/abc');
    expect(pathOf('matching', 'overview')).toBe('/personale/matching');
    expect(() => pathOf('handovers', 'view')).toThrow(/needs id/);
  });
});
