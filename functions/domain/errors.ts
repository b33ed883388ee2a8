/**
 * Domain errors: each carries a kind, and the HTTP layer turns kinds into statuses in one table
 * (`functions/http/error-responses.ts`). The message is what people see unless the handler that
 * serves them words it for its audience.
 */

export type DomainErrorKind =
  /** The input is not valid; `errors` says which field. */
  | 'invalid'
  /** The caller may not do this (their centre, their kommune). */
  | 'refused'
  | 'not-found'
  /** The record moved on meanwhile, or the request repeats one that was answered differently. */
  | 'conflict'
  /** Several writes met at the same moment: nothing was saved, trying again at once is safe. */
  | 'busy'
  /** Too many requests from one client: `retryAfterSeconds` says when to try again. */
  | 'too-many';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** For `invalid`: the fields and what is wrong with each. */
  readonly errors?: readonly FieldError[];
  /** For `busy` and `too-many`: when to try again. */
  readonly retryAfterSeconds?: number;
}

/** What invalid input is told above its field errors, whichever rule it broke. */
export const invalidInputMessage = 'Oplysningerne er ikke gyldige. Ret de markerede felter.';

/** Input that failed its schema or a rule the schema cannot state. */
export class ValidationError extends DomainError {
  readonly kind = 'invalid';
  constructor(override readonly errors: readonly FieldError[]) {
    super(invalidInputMessage);
  }
}
