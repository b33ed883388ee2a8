import * as z from 'zod';
import { emailAddressSchema } from './email-address.ts';
import kommuner from './kommuner.json' with { type: 'json' };
import { lazy } from './lazy.ts';
import { lazySchema, unwrapSchema } from './lazy-schema.ts';
import { singleLineText } from './text-rules.ts';

/**
 * The volunteer sign-up contract: the JSON API (`POST /api/volunteers`), the HTML form and the
 * OpenAPI document all use this schema. Option values are stable English codes; the pages show
 * Danish (or English) labels for them.
 */

/** Every published version of the volunteers' notice, the oldest first; a sign-up names the newest. */
export const volunteerNoticeVersions = ['2026-11-01', '2026-12-01', '2026-12-02', '2026-12-03'] as const;
export const privacyNoticeVersion = '2026-12-03' satisfies (typeof volunteerNoticeVersions)[number];

export const kommuneCodes = kommuner.map((kommune) => kommune.code) as [string, ...string[]];

export const volunteerKinds = ['friend', 'family'] as const;
export const languageOptions = [
  'danish',
  'english',
  'arabic',
  'tigrinya',
  'dari',
  'farsi',
  'pashto',
  'somali',
  'kurdish',
  'ukrainian',
  'russian',
  'french',
  'german',
  'spanish',
] as const;
export const helpOptions = [
  'everyday-danish',
  'authority-letters',
  'job-search',
  'leisure-and-sport',
  'homework',
  'getting-to-know-the-town',
  'practical-matters',
] as const;
export const meetingFrequencies = ['weekly', 'every-other-week', 'monthly', 'flexible'] as const;
export const organisations = ['red-cross', 'danish-refugee-council', 'other-association', 'none'] as const;
export const genders = ['woman', 'man', 'other'] as const;
export const ageRanges = ['18-29', '30-44', '45-59', '60-74', '75+'] as const;
export const heardFromOptions = [
  'facebook',
  'friend-or-family',
  'red-cross',
  'danish-refugee-council',
  'kommune',
  'news',
  'other',
] as const;

export const limits = {
  name: 100,
  email: 254,
  text: 200,
  maxAdults: 10,
  maxChildren: 10,
  maxCapacity: 5,
  /** Largest accepted request body, form or JSON. */
  bodyBytes: 16 * 1024,
} as const;

/** Free text on one line: no control or bidi characters (shared/text-rules.ts). */
const trimmed = (max: number) => singleLineText(max);

/** Danish numbers (8 digits, optionally +45/0045, spaces allowed) become +45XXXXXXXX; others must be +E.164. */
export const normalisePhone = (raw: string): string | undefined => {
  const compact = raw.replace(/[\s\-().]/g, '');
  const danish = /^(?:\+45|0045)?(\d{8})$/.exec(compact);
  if (danish) return `+45${danish[1]}`;
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  return undefined;
};

/** A phone number that may be left out, stored as `normalisePhone` writes it; a bad one is the `phone` issue. */
export const optionalPhoneSchema = () =>
  z
    .string()
    .trim()
    .max(30)
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const phone = normalisePhone(value);
      if (!phone) ctx.addIssue({ code: 'custom', message: 'phone' });
      return phone;
    });

/** What a volunteer tells about themselves; they can change these later on their own page. */
const volunteerDetailsShape = lazy(() => ({
  name: singleLineText(limits.name, { name: true }).min(1),
  phone: optionalPhoneSchema(),
  kommuneCode: z.enum(kommuneCodes),
  postalCode: z
    .string()
    .trim()
    .regex(/^[1-9]\d{3}$/),
  kind: z.enum(volunteerKinds),
  adults: z.int().min(1).max(limits.maxAdults).optional(),
  children: z.int().min(0).max(limits.maxChildren).optional(),
  languages: z.array(z.enum(languageOptions)).max(languageOptions.length).default([]),
  otherLanguages: trimmed(limits.text).optional(),
  gender: z.enum(genders).optional(),
  ageRange: z.enum(ageRanges).optional(),
  helpWith: z.array(z.enum(helpOptions)).min(1).max(helpOptions.length),
  meetingFrequency: z.enum(meetingFrequencies),
  capacity: z.int().min(1).max(limits.maxCapacity).default(1),
  /** Tell me when refugees arrive in my kommune and wait for a friend (at most weekly). */
  arrivalAlerts: z.boolean().default(true),
  organisation: z.enum(organisations),
  organisationName: trimmed(limits.text).optional(),
  language: z.enum(['da', 'en']).default('da'),
}));

const detailRules = (
  value: {
    languages: readonly string[];
    otherLanguages?: string;
    organisation: string;
    organisationName?: string;
  },
  ctx: z.RefinementCtx,
) => {
  if (value.languages.length === 0 && !value.otherLanguages) {
    ctx.addIssue({ code: 'custom', path: ['languages'], message: 'languages' });
  }
  if (value.organisation === 'other-association' && !value.organisationName) {
    ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'organisationName' });
  }
};

export const volunteerDetailsSchema = lazySchema(() =>
  z.strictObject(volunteerDetailsShape()).superRefine(detailRules),
);

/** An email address as the sign-up stores it: its canonical form (it is the volunteer's identity). */
export { emailAddressSchema };

export const volunteerSignupSchema = lazySchema(() =>
  z
    .strictObject({
      ...volunteerDetailsShape(),
      email: unwrapSchema(emailAddressSchema),
      heardFrom: z.enum(heardFromOptions).optional(),
      /** The local group chosen: an active group covering the kommune, or `best-fit` (organisations-contract.ts). */
      group: z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9-]{1,47}$/)
        .optional(),
      utmSource: trimmed(100).optional(),
      utmCampaign: trimmed(100).optional(),
      consent: z.literal(true),
      privacyNoticeVersion: z.literal(privacyNoticeVersion),
    })
    .superRefine(detailRules),
);

export type VolunteerDetails = z.output<typeof volunteerDetailsSchema>;
export type VolunteerSignup = z.output<typeof volunteerSignupSchema>;
export type VolunteerSignupInput = z.input<typeof volunteerSignupSchema>;

export const volunteerSignupResponseSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    status: z.enum(['unconfirmed']),
  }),
);

export const fieldErrorsSchema = lazySchema(() =>
  z.object({
    message: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
);
