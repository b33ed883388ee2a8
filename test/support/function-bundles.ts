import path from 'node:path';
import { envNames } from '../../shared/env.ts';
import type { FunctionId } from '../../shared/functions.ts';

/**
 * Plausible values for a function's variables, for loading its bundle outside AWS: start-up
 * parses them (and fails on a missing one), nothing is called.
 */
export const plausibleEnvironment = (id: FunctionId): Record<string, string> => {
  const values: Record<string, string> = {
    STAGE: 'bench',
    PUBLIC_BASE_URL: 'https://venner.example.dk',
    SES_FROM_ADDRESS: 'noreply@venner.example.dk',
    SES_CONFIGURATION_SET: 'venner-bench',
    USER_POOL_ID: 'eu-north-1_bench',
    USER_POOL_CLIENT_ID: 'bench',
    COGNITO_ISSUER: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_bench',
    SIGNUP_RATE_LIMIT: '20',
    STAFF_INVITATIONS: 'email',
    EDGE_SECRET: 'benchEdgeSecret0123456789abcdefABCDEF',
    ASSET_VERSION: '0123456789ab',
  };
  return {
    AWS_REGION: 'eu-north-1',
    AWS_LAMBDA_FUNCTION_NAME: `venner-bench-${id}`,
    ...Object.fromEntries(
      envNames(id).map((name) => [name, values[name] ?? `venner-bench-${name.toLowerCase()}`]),
    ),
  };
};

/** The folder `cdk synth` wrote a function's bundle to, from the template's `Code` of the function. */
export const bundleDirOf = (outdir: string, code: { S3Key: string }): string =>
  path.join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
