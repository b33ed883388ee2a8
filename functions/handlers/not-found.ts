import { matchRoute } from '../../shared/routes.ts';
import { MethodNotAllowedError, NotFoundError } from '../http/errors.ts';
import { httpHandler } from '../http/http-handler.ts';

/**
 * API Gateway's `$default` route: a request no route matched. A path the route table knows with
 * another method gets 405 and an Allow header; anything else a Danish 404.
 */
export const handler = httpHandler('not-found', async ({ event }) => {
  const { allowedMethods } = matchRoute(event.requestContext.http.method, event.rawPath);
  if (allowedMethods.length > 0) throw new MethodNotAllowedError(allowedMethods);
  throw new NotFoundError();
});
