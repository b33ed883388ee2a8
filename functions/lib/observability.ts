import type { MiddlewareObj } from '@middy/core';
import { logger } from './logger.ts';
import { countEvent, metrics } from './metrics.ts';

/**
 * One id per request, in every log line and every outbox entry the request makes: API Gateway's
 * request id (the access log's `requestId`), a job run's own id. The response says it in
 * `x-correlation-id`, so a person's "it failed" can be followed from the access log into the
 * function's log and on to the email it sent.
 */

interface WithResponse {
  response?: { statusCode?: number; headers?: Record<string, string | number | boolean> } | null;
}

/** What the invocation counted, written out (nothing when it counted nothing: no empty-metrics warning). */
const publishMetrics = () => {
  if (metrics().hasStoredMetrics()) metrics().publishStoredMetrics();
};

/** The request's correlation id; business metrics flushed at the end (only when there are some). */
export const observeRequest = <E extends { requestContext: { requestId: string } }, R>(): MiddlewareObj<
  E,
  R
> => {
  const finish = async (request: WithResponse) => {
    const response = request.response;
    if (response && typeof response === 'object') {
      if (response.statusCode === 429) countEvent('RateLimitRefusals');
      const id = logger.getCorrelationId();
      if (typeof id === 'string') response.headers = { ...response.headers, 'x-correlation-id': id };
    }
    publishMetrics();
  };
  return {
    before: async (request) => {
      logger.setCorrelationId(request.event.requestContext.requestId);
    },
    after: async (request) => finish(request as unknown as WithResponse),
    onError: async (request) => finish(request as unknown as WithResponse),
  };
};

/** For the functions without HTTP (jobs, stream and queue consumers): flush what they counted. */
export const flushMetrics = (): MiddlewareObj => ({
  after: async () => publishMetrics(),
  onError: async () => publishMetrics(),
});

/** The correlation id now (a request's or a job run's), for what the request writes. */
export const correlationId = (): string | undefined => {
  const id = logger.getCorrelationId();
  return typeof id === 'string' ? id : undefined;
};
