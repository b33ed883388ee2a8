/**
 * Typed errors that domain code and handlers throw. One middleware (`http-handler.ts`) turns
 * them into HTTP responses; anything else becomes a logged 500 without details.
 */

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  /** Extra response headers, e.g. Allow or Retry-After. */
  readonly headers: Record<string, string> = {};
}

export class ValidationError extends HttpError {
  readonly statusCode = 400;
  constructor(readonly errors: readonly FieldError[]) {
    super('Oplysningerne er ikke gyldige. Ret de markerede felter.');
  }
}

export class UnauthorizedError extends HttpError {
  readonly statusCode = 401;
  constructor(message = 'Du skal logge ind for at se denne side.') {
    super(message);
  }
}

export class ForbiddenError extends HttpError {
  readonly statusCode = 403;
  constructor(message = 'Du har ikke adgang til denne side.') {
    super(message);
  }
}

export class NotFoundError extends HttpError {
  readonly statusCode = 404;
  constructor(message = 'Siden findes ikke.') {
    super(message);
  }
}

export class MethodNotAllowedError extends HttpError {
  readonly statusCode = 405;
  constructor(allowed: readonly string[]) {
    super(`Metoden er ikke tilladt her. Brug ${allowed.join(' eller ')}.`);
    this.headers.allow = allowed.join(', ');
  }
}

export class ConflictError extends HttpError {
  readonly statusCode = 409;
}

export class TooManyRequestsError extends HttpError {
  readonly statusCode = 429;
  constructor(retryAfterSeconds: number, message: string) {
    super(message);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

export class ServiceUnavailableError extends HttpError {
  readonly statusCode = 503;
  constructor(retryAfterSeconds = 5, message = 'Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt.') {
    super(message);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

export class InternalError extends HttpError {
  readonly statusCode = 500;
  constructor() {
    super('Der skete en uventet fejl. Prøv igen, og kontakt os, hvis det sker igen.');
  }
}

const unavailableNames = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'TimeoutError',
]);

const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * A transaction DynamoDB cancelled only because another one touched the same items (a busy
 * kommune's counter, say): nothing was written, so trying again is safe. The SDK does not retry
 * it; our client does a few times (dynamodb-client.ts), then it is a 503.
 */
export const isTransactionConflict = (error: unknown): boolean => {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return (
    reasons.some((reason) => reason.Code === 'TransactionConflict') &&
    reasons.every((reason) =>
      ['TransactionConflict', 'ThrottlingError', 'None'].includes(reason.Code ?? 'None'),
    )
  );
};

/** Whether an error from an AWS client means "try again later" rather than a bug. */
export const isTransientAwsError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (isTransactionConflict(error)) return true;
  const code = (error as { code?: string }).code;
  const retryable = (error as { $retryable?: unknown }).$retryable;
  return (
    unavailableNames.has(error.name) || (code !== undefined && unavailableCodes.has(code)) || !!retryable
  );
};
