/**
 * Errors of the HTTP protocol itself (sign-in, methods, bodies, limits). Domain errors have kinds
 * instead (`functions/domain/errors.ts`); one middleware (`http-handler.ts`) turns both into
 * responses, and anything else into a logged 500 without details.
 */

export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  /** Extra response headers, e.g. Allow or Retry-After. */
  readonly headers: Record<string, string> = {};
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
