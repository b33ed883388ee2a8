import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { Role } from '../../shared/roles.ts';

/** The running test stack's endpoints and ids (see global-setup.ts). */
export const stack = inject('stack');

const aws = { region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

export const dynamoClient = () => new DynamoDBClient({ ...aws, endpoint: stack.dynamodbEndpoint });
export const documentClient = () => DynamoDBDocumentClient.from(dynamoClient());
export const cognitoClient = () =>
  new CognitoIdentityProviderClient({ ...aws, endpoint: stack.cognitoEndpoint });

/** Signs a demo user in with cognito-local and returns the tokens, as the sign-in page will. */
export const signIn = async (role: Role) => {
  const demo = stack.demoLogins.find((login) => login.role === role);
  if (!demo) throw new Error(`No demo login for ${role}`);
  const { AuthenticationResult } = await cognitoClient().send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack.userPoolClientId,
      AuthParameters: { USERNAME: demo.username, PASSWORD: demo.password },
    }),
  );
  if (!AuthenticationResult?.AccessToken || !AuthenticationResult.IdToken) throw new Error('No tokens');
  return { accessToken: AuthenticationResult.AccessToken, idToken: AuthenticationResult.IdToken };
};

/** A request to the local gateway; redirects are not followed so tests see them. */
export const request = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.gatewayUrl}${path}`, { redirect: 'manual', ...init });
