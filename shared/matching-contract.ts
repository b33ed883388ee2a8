import * as z from 'zod';
import { recordIdSchema } from './handover-contract.ts';
import { lazySchema, unwrapSchema } from './lazy-schema.ts';

/**
 * The matching contract: what a coordinator sends to propose a match or change one. The pages,
 * the JSON API and the OpenAPI document use these schemas.
 */

/** The end reasons before closures named a party (still shown for matches ended with them). */
export const endReasons = ['completed', 'moved-away', 'no-contact', 'other'] as const;

/** Who ended a match, and the reasons each can give (the closure form's lists). */
export const closureParties = ['volunteer', 'refugee', 'both'] as const;
export type ClosureParty = (typeof closureParties)[number];
export const closureReasons = {
  volunteer: ['moved', 'no-time', 'did-not-fit', 'other'],
  refugee: ['moved', 'no-longer-needs', 'did-not-fit', 'other'],
  both: ['completed', 'did-not-fit', 'other'],
} as const satisfies Record<ClosureParty, readonly string[]>;
export const allClosureReasons = [
  'completed',
  'moved',
  'no-time',
  'no-longer-needs',
  'did-not-fit',
  'other',
] as const;
export type ClosureReason = (typeof allClosureReasons)[number];

/** The exit survey's "would you take a new friend": now, later (after a pause), or no. */
export const surveyAgainAnswers = ['now', 'later', 'no'] as const;
export type SurveyAgain = (typeof surveyAgainAnswers)[number];

/** The four answers of a check-in (the refugee's side, recorded by the coordinator, uses them too). */
export const checkInAnswers = ['meeting-regularly', 'something-difficult', 'lost-contact', 'ended'] as const;

/** A short note (a concern, a phone call): plain text, no sensitive details (the form says so). */
export const noteMaxLength = 500;

export { recordIdSchema };

export const proposalSchema = lazySchema(() =>
  z.strictObject({ consentId: unwrapSchema(recordIdSchema), volunteerId: unwrapSchema(recordIdSchema) }),
);

export const matchActionSchema = lazySchema(() =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('cancel') }),
    z.strictObject({ action: z.literal('pause') }),
    z.strictObject({ action: z.literal('resume') }),
    z
      .strictObject({
        action: z.literal('end'),
        planned: z.boolean().describe('A planned end (the agreed time is over), or not'),
        endedBy: z.enum(closureParties).describe('Who ended it'),
        reason: z.enum(allClosureReasons).describe('From the list of the party who ended it'),
        /** The refugee wants a new friend: back on the waiting list at their original place. */
        rematch: z.boolean().default(false),
      })
      .refine((v) => (closureReasons[v.endedBy] as readonly string[]).includes(v.reason), {
        path: ['reason'],
        message: 'reason',
      }),
  ]),
);

export const refugeeSideSchema = lazySchema(() =>
  z.strictObject({
    answer: z.enum(checkInAnswers),
    note: z.string().trim().max(noteMaxLength).optional(),
  }),
);

export const concernSchema = lazySchema(() =>
  z.strictObject({ note: z.string().trim().min(1).max(noteMaxLength) }),
);

export type MatchActionInput = z.output<typeof matchActionSchema>;

/** A calendar day that exists (2026-02-30 does not): parsed and written back the same. */
export const isRealDay = (d: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) &&
  !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) &&
  new Date(`${d}T12:00:00Z`).toISOString().slice(0, 10) === d;

const isoDay = z.string().refine(isRealDay);

/** What a coordinator records of a volunteer's readiness (empty fields change nothing). */
export const screeningSchema = lazySchema(() =>
  z
    .strictObject({
      introductionOn: isoDay.optional(),
      confidentiality: z.boolean().default(false),
      courseOn: isoDay.optional(),
      certificateRequestedOn: isoDay.optional(),
      certificateDecidedOn: isoDay.optional(),
      assessment: z.enum(['approved', 'not-approved']).optional(),
    })
    .refine((v) => !v.assessment || v.certificateDecidedOn, {
      path: ['certificateDecidedOn'],
      message: 'certificateDecidedOn',
    }),
);

export type ScreeningInput = z.output<typeof screeningSchema>;
