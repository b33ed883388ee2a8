import * as z from 'zod';

/**
 * The secretariat's figures: what a staff member asks for (area and period) and what they get.
 * The page (Danish query names `omraade`, `fra`, `til`), the CSV and the JSON API (`area`, `from`,
 * `to`) share the schema; the OpenAPI document is generated from it.
 */

/** A month as YYYY-MM. */
export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

const month = z.string().regex(monthPattern, 'Skriv måneden som ÅÅÅÅ-MM, fx 2026-01.').describe('YYYY-MM');

export const figuresQuerySchema = z.strictObject({
  area: z
    .string()
    .regex(/^(all|region-\d{4}|kommune-\d{3})$/, 'Vælg et område fra listen.')
    .default('all')
    .describe('all (your whole scope), region-<code> or kommune-<code>'),
  from: month.optional().describe('First month, YYYY-MM (default: eleven months before `to`)'),
  to: month.optional().describe('Last month, YYYY-MM (default: this month)'),
  type: z
    .enum(['figures', 'sources', 'groups'])
    .default('figures')
    .describe('CSV only: the figures, recruitment per source, or the figures per organisation and group'),
});

export type FiguresQueryInput = z.output<typeof figuresQuerySchema>;

const figureRowSchema = z.object({
  handovers: z.int().describe('Interviews: declined and consented'),
  consented: z.int(),
  wantedFriend: z.int().describe('Consented to sharing with volunteers'),
  shareWantedFriend: z.number().optional().describe('wantedFriend / handovers'),
  withdrawn: z.int(),
  matchesMade: z.int().describe('Matches accepted by the volunteer'),
  medianDaysToMatch: z.int().optional().describe('Median days from arrival to match'),
  reachedSixMonths: z.int(),
  recruited: z.int().describe('Volunteers who confirmed their sign-up'),
  endedEarly: z.int().describe('Matches closed before six months'),
  endedAfterSixMonths: z.int(),
  shareReachedSixMonths: z.number().optional().describe('reachedSixMonths / (reachedSixMonths + endedEarly)'),
  earlyClosureRate: z
    .number()
    .optional()
    .describe('endedEarly / (reachedSixMonths + endedEarly); mentoring: 0.30–0.38'),
  earlyReasons: z.record(z.string(), z.int()).describe('Early closures by "<party>:<reason>"'),
  medianMeetingsPerMonth: z.number().optional(),
  checkInAnswers: z.record(z.string(), z.int()).describe('Check-in answers by answer'),
});

const sourceSchema = z.object({
  channel: z.enum(['campaign', 'heard-from']),
  source: z.string().describe('utm_source, or what the volunteer answered to "how did you hear of us"'),
  campaign: z.string().optional().describe('utm_campaign'),
});

const smallCount = z.union([z.int(), z.literal('under 3')]);
const groupFiguresSchema = z.object({
  volunteersNow: smallCount,
  availableNow: smallCount,
  matchesMade: smallCount,
  reachedSixMonths: smallCount,
  endedEarly: smallCount,
  endedAfterSixMonths: smallCount,
  shareReachedSixMonths: z.number().optional(),
  recruited: smallCount,
  topSource: sourceSchema.optional(),
});

export const figuresResponseSchema = z.object({
  area: z.string(),
  areaName: z.string(),
  from: z.string(),
  to: z.string(),
  total: figureRowSchema,
  missingNow: z.int().describe('Refugees waiting beyond the available volunteers, now'),
  byMonth: z.array(z.object({ month: z.string(), figures: figureRowSchema })),
  byArea: z.array(
    z.object({ code: z.string(), name: z.string(), figures: figureRowSchema, missingNow: z.int() }),
  ),
  sources: z.array(z.object({ source: sourceSchema, count: z.int() })),
  byOrganisation: z
    .array(
      z.object({
        organisationId: z.string().optional(),
        name: z.string(),
        figures: groupFiguresSchema,
        groups: z.array(
          z.object({ groupId: z.string().optional(), name: z.string(), figures: groupFiguresSchema }),
        ),
      }),
    )
    .describe('Per organisation and local group; counts of 1 and 2 as "under 3"'),
});
