import * as z from 'zod';
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
      missing: shownCount,
    }),
  ),
  totals: z.object({ waiting: shownCount, available: shownCount, missing: shownCount }),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
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
    summary: 'The signed-in staff member',
    tag: 'Staff',
    roles,
    responses: {
      200: {
        description: 'Who you are',
        schema: z.object({ username: z.string(), roles: z.array(z.enum(roles)) }),
      },
      403: { description: 'No valid token, or not a staff role' },
    },
  },
};
