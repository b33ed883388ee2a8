import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { VNode } from 'preact';
import type { FunctionId } from '../../shared/functions.ts';
import { fallbackFunction, type OperationOf, type RouteDefinition, routes } from '../../shared/routes.ts';
import { isTransientAwsError } from '../adapters/aws-errors.ts';
import { DomainError } from '../domain/errors.ts';
import { logger } from '../lib/logger.ts';
import { countEvent } from '../lib/metrics.ts';
import { observeRequest } from '../lib/observability.ts';
import { type StaffContext, signInPath } from '../lib/staff-context.ts';
import { ErrorPage } from '../web/error-page.tsx';
import { renderDocument } from '../web/render.ts';
import { assertFromEdge } from './edge.ts';
import { answerTo, type ErrorAnswer, type ErrorWording } from './error-responses.ts';
import { HttpError, InternalError, NotFoundError, ServiceUnavailableError } from './errors.ts';
import { redirect } from './http-session.ts';
import { authenticateStaff, clearStaffCookies, SignInRequiredError, type StaffAuth } from './staff-auth.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest<O extends string = string> {
  readonly event: HttpEvent;
  readonly context: Context;
  /** The route's operation in the route table (the fallback function has none). */
  readonly operation: O;
  /** The signed-in staff member on a non-public route; undefined on public routes. */
  readonly staff?: StaffContext;
}

export const json = (body: unknown, statusCode = 200, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const html = (page: VNode, statusCode = 200, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: renderDocument(page),
});

/** JSON for API paths and clients that ask for JSON; an HTML page for people. */
const wantsJson = (event: APIGatewayProxyEventV2): boolean => {
  if (event.rawPath.startsWith('/api/') || event.rawPath === '/health') return true;
  const accept = event.headers?.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

const errorResponse = (event: APIGatewayProxyEventV2, error: ErrorAnswer): HttpResult => {
  const body = error.errors ? { message: error.message, errors: error.errors } : { message: error.message };
  return wantsJson(event)
    ? json(body, error.statusCode, error.headers)
    : html(
        ErrorPage({ statusCode: error.statusCode, message: error.message }),
        error.statusCode,
        error.headers,
      );
};

/**
 * The one place typed errors become HTTP responses: domain errors by their kind (in the handler's
 * wording), HTTP errors by their status. Unknown errors are logged and answered without details.
 */
const typedErrors = (wording: ErrorWording): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: async (request) => {
    const { error, event } = request;
    if (
      error instanceof SignInRequiredError &&
      !wantsJson(event) &&
      event.requestContext.http.method === 'GET'
    ) {
      // Only the path goes along: staff page queries carry no personal data, but keep it that way.
      request.response = redirect(
        `${signInPath}?next=${encodeURIComponent(event.rawPath)}`,
        clearStaffCookies(),
      );
      return;
    }
    if (error instanceof DomainError) {
      request.response = errorResponse(event, answerTo(error, event, wording));
      return;
    }
    if (error instanceof HttpError) {
      request.response = errorResponse(event, error);
      return;
    }
    if (isTransientAwsError(error)) {
      logger.warn('Dependency unavailable', { error: error?.name });
      countEvent('DependencyErrors');
      request.response = errorResponse(event, new ServiceUnavailableError());
      return;
    }
    logger.error('Unhandled error', error as Error);
    request.response = errorResponse(event, new InternalError());
  },
});

const routeByKey = new Map<string, RouteDefinition>(
  (routes as readonly RouteDefinition[]).map((route) => [`${route.method} ${route.path}`, route]),
);

const securityHeaders = httpSecurityHeaders({
  contentSecurityPolicy: {
    'default-src': "'self'",
    'img-src': "'self' data:",
    'script-src': "'self'",
    'style-src': "'self'",
    'font-src': "'self'",
    'form-action': "'self'",
    'object-src': "'none'",
    // The defaults add a sandbox (which would block our forms) and upgrade-insecure-requests; HSTS covers https.
    sandbox: null as unknown as string,
    'upgrade-insecure-requests': null as unknown as string,
    'require-trusted-types-for': null as unknown as string,
    'report-to': null as unknown as string,
  },
  strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true, preload: false },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginEmbedderPolicy: false,
});

/**
 * Wraps the HTTP handler of function `fn` with our middlewares: logging context and correlation id
 * (with the request's metrics), security headers,
 * typed errors, and on the staff routes (non-public in the route table) the staff sign-in check
 * with role. The request carries the route's operation; a route of another function is not found.
 * A function that serves staff routes passes its `staffAuth`; one that has none cannot serve them.
 */
export const httpHandler = <F extends FunctionId>(
  fn: F,
  handle: (request: HttpRequest<OperationOf<F>>) => Promise<HttpResult>,
  options: { readonly staffAuth?: StaffAuth; readonly wording?: ErrorWording } = {},
) =>
  middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(observeRequest<HttpEvent, HttpResult>())
    .use(securityHeaders as MiddlewareObj<HttpEvent, HttpResult>)
    .use(typedErrors(options.wording ?? []))
    .handler(async (event, context) => {
      assertFromEdge(event, process.env.EDGE_SECRET);
      const route = routeByKey.get(event.routeKey);
      if (route?.function !== fn && fn !== fallbackFunction) throw new NotFoundError();
      const operation = route?.operation as OperationOf<F>;
      if (!route || route.access === 'public') return handle({ event, context, operation });
      if (!options.staffAuth)
        throw new Error(`${event.routeKey} is a staff route, but this function has no staff sign-in`);
      const { staff, cookies } = await authenticateStaff(event, route, options.staffAuth);
      const result = await handle({ event, context, operation, staff });
      return cookies.length > 0 ? { ...result, cookies: [...(result.cookies ?? []), ...cookies] } : result;
    });
