import * as z from 'zod';
import { recordIdSchema } from './handover-contract.ts';
import { lazySchema, unwrapSchema } from './lazy-schema.ts';

/**
 * The matching contract: what a coordinator sends to propose a match or change one. The pages,
 * the JSON API and the OpenAPI document use these schemas.
 */

export const endReasons = ['completed', 'moved-away', 'no-contact', 'other'] as const;

export { recordIdSchema };

export const proposalSchema = lazySchema(() =>
  z.strictObject({ consentId: unwrapSchema(recordIdSchema), volunteerId: unwrapSchema(recordIdSchema) }),
);

export const matchActionSchema = lazySchema(() =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('cancel') }),
    z.strictObject({ action: z.literal('pause') }),
    z.strictObject({ action: z.literal('resume') }),
    z.strictObject({
      action: z.literal('end'),
      reason: z.enum(endReasons),
      /** Put the refugee back on the waiting list for a new friend. */
      rematch: z.boolean().default(false),
    }),
  ]),
);

export type MatchActionInput = z.output<typeof matchActionSchema>;
