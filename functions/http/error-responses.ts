import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  type DomainError,
  type DomainErrorKind,
  type FieldError,
  invalidInputMessage,
} from '../domain/errors.ts';

/** The one table from a domain error's kind to its HTTP status. */
export const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  refused: 403,
  'not-found': 404,
  conflict: 409,
  'too-many': 429,
  busy: 503,
};

/**
 * How a handler words a domain error for its audience, where the error's own message does not
 * fit (the same missing record is "the handover" to a caseworker, "the refugee" to a coordinator).
 */
export type ErrorWording = readonly (readonly [
  // Any domain error's constructor, whatever its parameters.
  abstract new (
    ...args: never[]
  ) => DomainError,
  string | ((error: DomainError, event: APIGatewayProxyEventV2) => string),
])[];

export interface ErrorAnswer {
  readonly statusCode: number;
  readonly message: string;
  readonly errors?: readonly FieldError[];
  readonly headers: Record<string, string>;
}

/** A domain error as an answer: its kind's status, its wording, its fields and when to retry. */
export const answerTo = (
  error: DomainError,
  event: APIGatewayProxyEventV2,
  wording: ErrorWording = [],
): ErrorAnswer => {
  const worded = wording.find(([type]) => error instanceof type)?.[1];
  // Invalid input is told field by field; the message above the fields is always the same.
  const own = error.kind === 'invalid' ? invalidInputMessage : error.message;
  const message = typeof worded === 'function' ? worded(error, event) : (worded ?? own);
  return {
    statusCode: statusOfKind[error.kind],
    message,
    ...(error.errors ? { errors: error.errors } : {}),
    headers: error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) },
  };
};
