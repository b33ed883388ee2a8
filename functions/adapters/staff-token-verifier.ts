import { JwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { scopeFromGroups } from '../../shared/roles.ts';
import type { StaffContext } from '../lib/staff-context.ts';

export interface StaffTokenVerifier {
  /** The staff member behind a valid Cognito access token; undefined for anything else. */
  verify(token: string): Promise<StaffContext | undefined>;
}

/**
 * Verifies Cognito access tokens with aws-jwt-verify against the user pool's issuer and JWKS.
 * The issuer is configuration (real Cognito: https://cognito-idp.<region>.amazonaws.com/<pool>;
 * cognito-local: http://localhost:<port>/<pool>), so JWKS are fetched with the runtime's fetch,
 * which speaks both http and https.
 */
export const cognitoTokenVerifier = (config: { issuer: string; clientId: string }): StaffTokenVerifier => {
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      fetch: async (uri: string) => {
        const response = await fetch(uri, { signal: AbortSignal.timeout(3_000) });
        if (!response.ok) throw new Error(`JWKS request failed with ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      audience: null,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new Error('Not an access token');
        if (payload.client_id !== config.clientId) throw new Error('Token issued to another client');
      },
    },
    { jwksCache },
  );
  return {
    async verify(token) {
      try {
        const payload = await verifier.verify(token);
        const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'].map(String) : [];
        return {
          sub: String(payload.sub),
          username: String(payload.username ?? payload.sub),
          issuedAt: Number(payload.iat ?? 0),
          authTime: Number(payload.auth_time ?? payload.iat ?? 0),
          ...scopeFromGroups(groups),
        };
      } catch {
        return undefined;
      }
    },
  };
};
