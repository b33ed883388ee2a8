import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { loadEnv } from '../../shared/env.ts';
import { cognitoTokenVerifier } from '../adapters/staff-token-verifier.ts';
import { type StaffAuthorizerContext, toAuthorizerContext } from '../lib/staff-context.ts';

const env = loadEnv('staff-authorizer');
const verifier = cognitoTokenVerifier({ issuer: env.COGNITO_ISSUER, clientId: env.USER_POOL_CLIENT_ID });

/** Cookie that carries the staff session (set by the sign-in page). */
export const sessionCookieName = 'venner_session';

const tokenFrom = (event: APIGatewayRequestAuthorizerEventV2): string | undefined => {
  const authorization = event.headers?.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  const cookie = event.cookies?.find((c) => c.startsWith(`${sessionCookieName}=`));
  return cookie?.slice(sessionCookieName.length + 1);
};

/**
 * API Gateway HTTP API Lambda authorizer (simple responses) for every non-public route. It only
 * establishes who the caller is; the handler checks the route's roles against these groups.
 */
export const handler = async (
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<StaffAuthorizerContext | Record<string, never>>> => {
  const token = tokenFrom(event);
  const staff = token ? await verifier.verify(token) : undefined;
  return staff
    ? { isAuthorized: true, context: toAuthorizerContext(staff) }
    : { isAuthorized: false, context: {} };
};
