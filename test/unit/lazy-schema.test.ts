import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { openApiDocument } from '../../functions/domain/openapi.ts';
import { apiContracts } from '../../shared/api-contracts.ts';
import { handoverSchema, personFields, recordIdSchema } from '../../shared/handover-contract.ts';
import { lazySchema, unwrapSchema } from '../../shared/lazy-schema.ts';

/** Schemas built on first use (docs/performance.md): they must behave as the schema they stand for. */
describe('lazy schemas', () => {
  it('builds a schema once, on first use, and parses as the built one', () => {
    let builds = 0;
    const lazy = lazySchema(() => {
      builds++;
      return z.object({ id: z.string().min(2) });
    });
    expect(builds).toBe(0);
    expect(lazy.safeParse({ id: 'ab' }).success).toBe(true);
    expect(lazy.safeParse({ id: 'a' }).success).toBe(false);
    expect(lazy instanceof z.ZodObject).toBe(true);
    expect(Object.keys(lazy.shape)).toEqual(['id']);
    expect(builds).toBe(1);
    expect(unwrapSchema(lazy)).not.toBe(lazy);
    expect(unwrapSchema(lazy).safeParse({ id: 'ab' }).success).toBe(true);
  });

  it('turns into the same JSON Schema as an eager one, composed or not', () => {
    const eager = z.object({ id: z.string().regex(/^[\w-]{32}$/), n: z.int().optional() });
    const lazy = lazySchema(() => z.object({ id: unwrapSchema(recordIdSchema), n: z.int().optional() }));
    expect(z.toJSONSchema(unwrapSchema(lazy))).toEqual(z.toJSONSchema(eager));
  });

  it('keeps the contracts usable: a handover parses, the person fields list, the OpenAPI document builds', () => {
    expect(handoverSchema.safeParse({ wantsContact: false }).success).toBe(false);
    expect(personFields).toContain('name');
    expect(personFields).not.toContain('receivingKommune');
    const document = openApiDocument(apiContracts, 'https://venner.example') as { paths: object };
    expect(Object.keys(document.paths).length).toBeGreaterThan(10);
  });
});
