import * as z from 'zod';
import { figuresResponseSchema as secretariatFiguresSchema } from './figures-contract.ts';
import {
  handoverCorrectionSchema,
  handoverResponseSchema,
  handoverSchema,
  handoverStatuses,
  withdrawalSchema,
} from './handover-contract.ts';
import { matchActionSchema, proposalSchema } from './matching-contract.ts';
import { roles } from './roles.ts';
import {
  fieldErrorsSchema,
  volunteerSignupResponseSchema,
  volunteerSignupSchema,
} from './volunteer-contract.ts';

/**
 * The JSON API's contracts, by route key. The OpenAPI document is generated from these, and a test
 * checks that every JSON route of the route table has one, so the document stays complete.
 */

const shownCount = z
  .union([z.int().min(0), z.literal('under 3')])
  .describe('A count; 1 and 2 are shown as "under 3"');

const shownTotal = z
  .union([shownCount, z.object({ atLeast: z.int().min(0) })])
  .describe(
    'A figure worked out from counts (a gap, a total): exact when none of the counts it comes from shows as "under 3"; else the lowest value those shown counts allow, as { atLeast }, or "under 3" when it is below 3 either way',
  );

export const figuresResponseSchema = z.object({
  generatedAt: z.iso.datetime(),
  region: z.string().nullable(),
  kommuner: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      regionCode: z.string(),
      region: z.string(),
      waiting: shownCount,
      available: shownCount,
      missing: shownTotal,
    }),
  ),
  totals: z.object({ waiting: shownTotal, available: shownTotal, missing: shownTotal }),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Each kommune's active local groups (kommuner without one left out): what they offer, their contact. */
  groups: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      groups: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          organisation: z.string(),
          offers: z.array(z.string()),
          email: z.string(),
          phone: z.string().optional(),
        }),
      ),
    }),
  ),
});

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  dynamodb: z.enum(['ok', 'unavailable']),
  lastHeartbeatAt: z.iso.datetime().optional(),
  checkedAt: z.iso.datetime(),
});

export interface ApiContract {
  readonly summary: string;
  readonly tag: string;
  readonly query?: Record<string, { description: string }>;
  readonly requestBody?: z.ZodType;
  readonly responses: Record<
    number,
    { description: string; schema?: z.ZodType; headers?: Record<string, string> }
  >;
  /** Needs a Cognito access token (Bearer) of one of these roles. */
  readonly roles?: readonly string[];
}

const errors = {
  400: { description: 'Invalid input: one Danish message per field', schema: fieldErrorsSchema },
  413: { description: 'Body over 16 KiB', schema: fieldErrorsSchema },
  415: { description: 'Not application/json', schema: fieldErrorsSchema },
  429: {
    description: 'Too many sign-ups from this client',
    schema: fieldErrorsSchema,
    headers: { 'Retry-After': 'Seconds to wait' },
  },
};

const staffErrors = {
  401: { description: 'No valid token', schema: fieldErrorsSchema },
  403: { description: 'Not one of the roles of this route', schema: fieldErrorsSchema },
};

const notFound = {
  404: { description: 'No such record, or outside your scope (the same answer)', schema: fieldErrorsSchema },
};

const handoverRecordSchema = z.object({
  id: z.string(),
  centreId: z.string(),
  kommuneCode: z.string(),
  interviewDate: z.string(),
  status: z.enum(handoverStatuses),
  recordedAt: z.string(),
  recordedBy: z.object({ sub: z.string(), name: z.string() }),
  consent: z.object({
    noticeVersion: z.string(),
    noticeLanguage: z.string(),
    interpreterUsed: z.boolean(),
    consentMethod: z.string(),
    shareWithVolunteers: z.boolean(),
    shareWithKommune: z.boolean(),
  }),
  consentEvents: z.array(
    z.object({
      type: z.enum(['given', 'withdrawn']),
      at: z.string(),
      by: z.object({ sub: z.string(), name: z.string() }),
      requestedVia: z.string().optional(),
    }),
  ),
  person: z.record(z.string(), z.unknown()).optional(),
  version: z.int(),
  updatedAt: z.string(),
});

export const apiContracts: Record<string, ApiContract> = {
  'GET /health': {
    summary: 'Liveness and DynamoDB reachability',
    tag: 'Operations',
    responses: {
      200: { description: 'Up', schema: healthResponseSchema },
      503: { description: 'DynamoDB does not answer', schema: healthResponseSchema },
    },
  },
  'POST /api/volunteers': {
    summary: 'Sign up as a volunteer friend (double opt-in: a confirmation email is sent)',
    tag: 'Volunteers',
    requestBody: volunteerSignupSchema,
    responses: {
      201: {
        description:
          'Received. The same answer for an address that is already signed up (its owner gets an email instead).',
        schema: volunteerSignupResponseSchema,
      },
      ...errors,
    },
  },
  'GET /api/kommuner/figures': {
    summary: 'Refugees waiting, available volunteers and volunteers missing per kommune, most missing first',
    tag: 'Public figures',
    query: { region: { description: 'Only this region (code, e.g. 1084)' } },
    responses: { 200: { description: 'Figures (cached for 60 s)', schema: figuresResponseSchema } },
  },
  'GET /api/openapi.json': {
    summary: 'This document',
    tag: 'Operations',
    responses: { 200: { description: 'OpenAPI 3.1' } },
  },
  'GET /api/me': {
    summary: 'The signed-in staff member, with role and scope',
    tag: 'Staff',
    roles,
    responses: {
      200: {
        description: 'Who you are',
        schema: z.object({
          username: z.string(),
          roles: z.array(z.enum(roles)),
          centres: z.array(z.string()),
          kommuner: z.array(z.string()),
          groups: z.array(z.string()),
        }),
      },
      ...staffErrors,
    },
  },
  'POST /api/handovers': {
    summary:
      'Record a handover interview. A "no" (wantsContact false) is only counted; a "yes" becomes the consent record. The submissionKey makes it idempotent.',
    tag: 'Handovers',
    roles: ['caseworker'],
    requestBody: handoverSchema,
    responses: {
      201: { description: 'Recorded (or counted)', schema: handoverResponseSchema },
      200: {
        description: 'This submission was recorded before: the same record',
        schema: handoverResponseSchema,
      },
      ...errors,
      ...staffErrors,
      409: { description: 'The submission key was used by someone else', schema: fieldErrorsSchema },
    },
  },
  'GET /api/handovers/{id}': {
    summary:
      'One handover (audited read). Caseworkers: own centres; coordinators: own kommuner and consent to volunteers.',
    tag: 'Handovers',
    roles: ['caseworker', 'coordinator', 'admin'],
    responses: {
      200: { description: 'The record', schema: handoverRecordSchema },
      ...staffErrors,
      ...notFound,
    },
  },
  'PATCH /api/handovers/{id}': {
    summary: "Correct the refugee's details (audited by field name); the consent itself cannot be changed",
    tag: 'Handovers',
    roles: ['caseworker'],
    requestBody: handoverCorrectionSchema,
    responses: {
      200: { description: 'The corrected record', schema: handoverRecordSchema },
      ...errors,
      ...staffErrors,
      ...notFound,
      409: {
        description: 'Changed by someone else since `version`, or withdrawn',
        schema: fieldErrorsSchema,
      },
    },
  },
  'POST /api/handovers/{id}/withdrawal': {
    summary:
      'Withdraw consent: appended to the record; every personal detail erased at once; the kommune told',
    tag: 'Handovers',
    roles: ['caseworker', 'admin'],
    requestBody: withdrawalSchema,
    responses: {
      200: { description: 'The record as it remains', schema: handoverRecordSchema },
      ...errors,
      ...staffErrors,
      ...notFound,
      409: { description: 'Already withdrawn', schema: fieldErrorsSchema },
    },
  },
  'GET /api/handovers/{id}/export': {
    summary: 'Access request: everything stored about the refugee (record, emails, audit trail)',
    tag: 'Handovers',
    roles: ['caseworker', 'admin'],
    responses: { 200: { description: 'A JSON attachment' }, ...staffErrors, ...notFound },
  },
  'GET /api/handovers/{id}/audit': {
    summary: "Who read or changed the refugee's data, and when",
    tag: 'Handovers',
    roles: ['caseworker', 'admin'],
    responses: { 200: { description: 'The audit trail' }, ...staffErrors, ...notFound },
  },
  'GET /api/matching/kommuner/{code}': {
    summary:
      "A kommune's overview: waiting refugees (longest wait first, with days waiting), available volunteers, open matches and the gap (audited read)",
    tag: 'Matching',
    roles: ['coordinator', 'admin'],
    responses: { 200: { description: 'The overview' }, ...staffErrors, ...notFound },
  },
  'GET /api/matching/kommuner/{code}/plan': {
    summary:
      "The best overall assignment of the kommune's waiting refugees to its available volunteers (largest total score within the hard rules and every capacity). Nothing is written.",
    tag: 'Matching',
    roles: ['coordinator', 'admin'],
    responses: {
      200: { description: 'The plan: pairs with score and reasons' },
      ...staffErrors,
      ...notFound,
    },
  },
  'GET /api/matching/refugees/{id}': {
    summary:
      'One refugee for matching: ranked suggestions with reasons, possible duplicates and earlier matches (audited read)',
    tag: 'Matching',
    roles: ['coordinator', 'admin'],
    responses: { 200: { description: 'Suggestions, duplicates, history' }, ...staffErrors, ...notFound },
  },
  'POST /api/matches': {
    summary:
      'Propose a match (one transaction: the refugee still waits, the volunteer still has a place, the match is new); the volunteer is emailed',
    tag: 'Matching',
    roles: ['coordinator', 'admin'],
    requestBody: proposalSchema,
    responses: {
      201: { description: 'The proposed match' },
      ...errors,
      ...staffErrors,
      ...notFound,
      409: {
        description: 'The refugee no longer waits, or the volunteer has no place left',
        schema: fieldErrorsSchema,
      },
    },
  },
  'GET /api/matches/{id}': {
    summary: 'One match with its status and follow-up answers',
    tag: 'Matching',
    roles: ['coordinator', 'admin'],
    responses: { 200: { description: 'The match' }, ...staffErrors, ...notFound },
  },
  'POST /api/matches/{id}/actions': {
    summary: 'Cancel a proposal, pause, resume, or end a match with a reason (and re-match); audited',
    tag: 'Matching',
    roles: ['coordinator', 'admin'],
    requestBody: matchActionSchema,
    responses: {
      200: { description: 'The match as it is now' },
      ...errors,
      ...staffErrors,
      ...notFound,
      409: {
        description: 'Not possible in the match’s state, or changed meanwhile',
        schema: fieldErrorsSchema,
      },
    },
  },
  'GET /api/tasks': {
    summary:
      "The coordinator's open tasks due now across their kommuner (or one, ?kommune=), urgent first: ids, kinds and due dates, no names (the pages name them)",
    tag: 'Matching',
    roles: ['coordinator', 'admin'],
    query: { kommune: { description: 'One kommune of your scope (administrators must choose one)' } },
    responses: { 200: { description: 'The tasks' }, ...staffErrors, ...notFound },
  },
  'GET /api/figures': {
    summary:
      "The secretariat's figures for an area and period: handovers and the share who wanted a friend, matches made, median days from arrival to match, six-month matches, volunteers recruited per campaign source, volunteers missing now. Administrators see every kommune, coordinators their own.",
    tag: 'Figures',
    roles: ['coordinator', 'admin'],
    query: {
      area: { description: 'all (default: your whole scope), region-<code> or kommune-<code>' },
      from: { description: 'First month, YYYY-MM (default: eleven months before `to`)' },
      to: { description: 'Last month, YYYY-MM (default: this month)' },
    },
    responses: {
      200: { description: 'The figures', schema: secretariatFiguresSchema },
      ...errors,
      ...staffErrors,
      404: { description: 'An area outside your scope', schema: fieldErrorsSchema },
    },
  },
};
