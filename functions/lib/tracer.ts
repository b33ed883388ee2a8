import { Tracer } from '@aws-lambda-powertools/tracer';
import { lazy } from '../../shared/lazy.ts';

/**
 * X-Ray subsegments for every AWS SDK call (DynamoDB, SES, Cognito), so a slow request shows which
 * call was slow. The functions run with active tracing (infra/venner-function.ts); outside Lambda
 * (the local stack, the tests, the scripts) Powertools turns tracing off by itself.
 */
const tracer: () => Tracer = lazy(() => new Tracer({ serviceName: 'venner' }));

/** The client, instrumented: each of its calls a subsegment of the invocation's trace. */
export const traced = <T>(client: T): T => tracer().captureAWSv3Client(client);
