import * as z from 'zod';
import { emailAddressSchema } from './email-address.ts';
import { lazySchema, unwrapSchema } from './lazy-schema.ts';
import { singleLineText } from './text-rules.ts';
import { kommuneCodes, optionalPhoneSchema } from './volunteer-contract.ts';
import type { Organisation as ReadinessOrganisation } from './volunteer-readiness.ts';

/**
 * Organisations and their local groups: data the administrator manages (the administration
 * screen and `npm run organisations`). A group covers kommuner, has a public contact and says
 * what it offers; coordinators belong to groups (the Cognito group `group:<id>`) and their kommune
 * scope follows from the groups' coverage; a volunteer belongs to one group, or to none yet.
 */

export const groupOffers = [
  'friends',
  'friend-families',
  'language-cafe',
  'homework-help',
  'network-meetings',
] as const;
export type GroupOffer = (typeof groupOffers)[number];

export const groupOfferLabels: Record<GroupOffer, { da: string; en: string }> = {
  friends: { da: 'Venner', en: 'Friends' },
  'friend-families': { da: 'Venskabsfamilier', en: 'Friend families' },
  'language-cafe': { da: 'Sprogcafé', en: 'Language café' },
  'homework-help': { da: 'Lektiehjælp', en: 'Homework help' },
  'network-meetings': { da: 'Netværksmøder', en: 'Network meetings' },
};

/** Whose readiness rules an organisation's volunteers follow (shared/volunteer-readiness.ts). */
export const readinessKinds = [
  'red-cross',
  'danish-refugee-council',
  'other-association',
] as const satisfies readonly ReadinessOrganisation[];

/** Ids are short slugs, stable in Cognito group names and links: `rk-aarhus`. */
const idSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'id')
  // The sign-up's "the group that fits best" is no group's id.
  .refine((id) => id !== 'best-fit', 'id');

export const organisationInputSchema = lazySchema(() =>
  z.strictObject({
    id: idSchema,
    name: singleLineText(100).min(2),
    readiness: z.enum(readinessKinds).default('other-association'),
  }),
);

export const localGroupInputSchema = lazySchema(() =>
  z.strictObject({
    id: idSchema,
    organisationId: idSchema,
    name: singleLineText(100).min(2),
    kommuner: z.array(z.enum(kommuneCodes)).min(1).max(98),
    email: unwrapSchema(emailAddressSchema),
    phone: optionalPhoneSchema(),
    active: z.boolean().default(true),
    offers: z.array(z.enum(groupOffers)).min(1).max(groupOffers.length),
  }),
);

export type OrganisationInput = z.output<typeof organisationInputSchema>;
export type LocalGroupInput = z.output<typeof localGroupInputSchema>;
/** A group as written in a file or a seed, before the schema's defaults and normalising. */
export type LocalGroupFields = z.input<typeof localGroupInputSchema>;

/** What `npm run organisations -- import <file>` reads: organisations and groups, upserted. */
export const organisationsFileSchema = lazySchema(() =>
  z.strictObject({
    organisations: z.array(z.unknown()).default([]),
    groups: z.array(z.unknown()).default([]),
  }),
);

/** At sign-up: "the group that fits best" (the programme assigns one), else a group's id. */
export const bestFitGroup = 'best-fit';
