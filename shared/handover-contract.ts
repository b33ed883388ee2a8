import * as z from 'zod';
import { centreIds } from './asylum-centres.ts';
import { emailAddressSchema } from './email-address.ts';
import { lazy } from './lazy.ts';
import { lazySchema, unwrapSchema } from './lazy-schema.ts';
import { looksLikeCpr, multiLineText, singleLineText } from './text-rules.ts';
import { helpOptions, kommuneCodes, languageOptions, normalisePhone } from './volunteer-contract.ts';

/**
 * The handover contract: what the caseworker records at the handover interview. The form, the JSON
 * API (`POST /api/handovers`) and the OpenAPI document use this schema. A refugee who does not want
 * contact is only counted: that variant has no personal fields at all. Never a CPR number.
 */

/** Record (and match) ids: 32 base64url characters; anything else cannot exist. */
export const recordIdSchema = lazySchema(() => z.string().regex(/^[\w-]{32}$/));

/** Versions of the notice a caseworker explains to the refugee (the newest first). */
export const refugeeNoticeVersions = ['2026-10-01'] as const;
export const consentMethods = ['signed-form', 'oral'] as const;
export const languageLevels = ['none', 'basic', 'good', 'fluent'] as const;
export const households = ['alone', 'family'] as const;
export const refugeeGenders = ['woman', 'man', 'other'] as const;
export const volunteerGenderPreferences = ['any', 'woman', 'man'] as const;
/**
 * The languages the refugees' notice is published in (functions/web/privacy-notices/refugees): the
 * caseworker records which one was explained. Persian is one text for Dari and Farsi readers.
 */
export const noticeLanguages = [
  'danish',
  'english',
  'arabic',
  'persian',
  'tigrinya',
  'ukrainian',
  'somali',
  'kurmanji',
] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];
export const refugeeHelpOptions = helpOptions;

export const handoverLimits = {
  name: 100,
  text: 200,
  note: 500,
  maxAdults: 10,
  maxChildren: 12,
  bodyBytes: 16 * 1024,
} as const;

export { looksLikeCpr };

/** Free text on one line, never a CPR number, nothing invisible (shared/text-rules.ts). */
const text = (max: number) => singleLineText(max, { cpr: true });

const isoDate = () => z.iso.date();

const phone = () =>
  z
    .string()
    .trim()
    .max(30)
    .transform((value, ctx) => {
      const normalised = normalisePhone(value);
      if (!normalised) ctx.addIssue({ code: 'custom', message: 'phone' });
      return normalised ?? value;
    });

const email = () => unwrapSchema(emailAddressSchema);

const interviewShape = lazy(() => ({
  /** A random key the form (or API client) makes once per handover: resubmitting it records nothing new. */
  submissionKey: z.uuid(),
  centreId: z.enum(centreIds),
  interviewDate: isoDate(),
  receivingKommune: z.enum(kommuneCodes),
}));

/** The refugee's details: recorded at the handover, corrected later by the caseworker. */
export const refugeeDetailsShape = lazy(() => ({
  name: singleLineText(handoverLimits.name, { cpr: true, name: true }).min(1),
  phone: phone(),
  email: email().optional(),
  birthYear: z.int().min(1900).max(2100).optional(),
  age: z.int().min(0).max(120).optional(),
  gender: z.enum(refugeeGenders).optional(),
  nationality: text(60).min(1),
  languages: z.array(z.enum(languageOptions)).max(languageOptions.length).default([]),
  otherLanguages: text(handoverLimits.text).optional(),
  danishLevel: z.enum(languageLevels),
  englishLevel: z.enum(languageLevels),
  household: z.enum(households),
  adults: z.int().min(1).max(handoverLimits.maxAdults).optional(),
  childrenAges: z.array(z.int().min(0).max(17)).max(handoverLimits.maxChildren).default([]),
  receivingKommune: z.enum(kommuneCodes),
  expectedMovingDate: isoDate(),
  newAddress: text(handoverLimits.text).optional(),
  kommuneCaseworkerName: singleLineText(handoverLimits.name, { cpr: true, name: true }).optional(),
  kommuneCaseworkerEmail: email().optional(),
  kommuneCaseworkerPhone: phone().optional(),
  helpWith: z.array(z.enum(helpOptions)).max(helpOptions.length).default([]),
  preferredVolunteerGender: z.enum(volunteerGenderPreferences).default('any'),
  note: multiLineText(handoverLimits.note, { cpr: true }).optional(),
}));

const consentShape = lazy(() => ({
  noticeVersion: z.enum(refugeeNoticeVersions),
  noticeLanguage: z.enum(noticeLanguages),
  interpreterUsed: z.boolean(),
  consentMethod: z.enum(consentMethods),
  shareWithVolunteers: z.boolean(),
  shareWithKommune: z.boolean(),
}));

type DetailRulesInput = {
  birthYear?: number;
  age?: number;
  languages: readonly string[];
  otherLanguages?: string;
  household: string;
  adults?: number;
};

const detailRules = (value: DetailRulesInput, ctx: z.RefinementCtx) => {
  if (value.birthYear === undefined && value.age === undefined)
    ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'birthYearOrAge' });
  if (value.languages.length === 0 && !value.otherLanguages)
    ctx.addIssue({ code: 'custom', path: ['languages'], message: 'refugeeLanguages' });
  if (value.household === 'family' && value.adults === undefined)
    ctx.addIssue({ code: 'custom', path: ['adults'], message: 'adults' });
};

export const declinedHandoverSchema = lazySchema(() =>
  z.strictObject({
    ...interviewShape(),
    wantsContact: z.literal(false),
  }),
);

export const consentedHandoverSchema = lazySchema(() =>
  z
    .strictObject({
      ...interviewShape(),
      ...consentShape(),
      ...refugeeDetailsShape(),
      wantsContact: z.literal(true),
    })
    .superRefine((value, ctx) => {
      detailRules(value, ctx);
      if (!value.shareWithVolunteers && !value.shareWithKommune)
        ctx.addIssue({ code: 'custom', path: ['shareWithVolunteers'], message: 'scopes' });
      if (value.shareWithKommune && !value.kommuneCaseworkerEmail)
        ctx.addIssue({ code: 'custom', path: ['kommuneCaseworkerEmail'], message: 'kommuneEmail' });
      if (value.shareWithKommune && !value.kommuneCaseworkerName)
        ctx.addIssue({ code: 'custom', path: ['kommuneCaseworkerName'], message: 'kommuneName' });
    }),
);

export const handoverSchema = lazySchema(() =>
  z.discriminatedUnion('wantsContact', [
    unwrapSchema(declinedHandoverSchema),
    unwrapSchema(consentedHandoverSchema),
  ]),
);

/** A correction of the refugee's details (the consent itself is never changed, only withdrawn). */
export const handoverCorrectionSchema = lazySchema(() =>
  z.strictObject({ ...refugeeDetailsShape(), version: z.int().min(1) }).superRefine(detailRules),
);

export const withdrawalSchema = lazySchema(() =>
  z.strictObject({
    /** How the refugee asked (e.g. "by phone to the centre"); no reasons or personal details. */
    requestedVia: z.enum(['in-person', 'phone', 'email', 'letter', 'other']),
  }),
);

export type HandoverInput = z.output<typeof handoverSchema>;
export type ConsentedHandoverInput = z.output<typeof consentedHandoverSchema>;
export type DeclinedHandoverInput = z.output<typeof declinedHandoverSchema>;
export type RefugeeDetails = Omit<z.output<typeof handoverCorrectionSchema>, 'version'>;
export type HandoverCorrection = z.output<typeof handoverCorrectionSchema>;

/** The refugee's personal details as a record stores them (the receiving kommune is kept on the record). */
export const personFields = lazySchema(() =>
  (Object.keys(refugeeDetailsShape()) as (keyof RefugeeDetails)[]).filter(
    (field): field is Exclude<keyof RefugeeDetails, 'receivingKommune'> => field !== 'receivingKommune',
  ),
);

/** waiting → proposed (a volunteer is asked) → matched (they said yes) → ended; or withdrawn at any time. */
export const handoverStatuses = ['waiting', 'proposed', 'matched', 'ended', 'withdrawn'] as const;
export type HandoverStatus = (typeof handoverStatuses)[number];

export const handoverResponseSchema = lazySchema(() =>
  z.union([
    z.object({ id: z.string(), status: z.enum(handoverStatuses), created: z.boolean() }),
    z.object({ counted: z.literal(true) }),
  ]),
);
