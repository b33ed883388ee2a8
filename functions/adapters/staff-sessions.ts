import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { traced } from '../lib/tracer.ts';

type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');
let sdkLoading: Promise<CognitoSdk> | undefined;
/**
 * The Cognito client is loaded on first use: only sign-in and session renewal (once an hour per
 * staff member) need it, and importing it costs every function that shares the HTTP middleware
 * about 70 ms of cold start.
 */
const cognitoSdk = () => {
  sdkLoading ??= import('@aws-sdk/client-cognito-identity-provider');
  return sdkLoading;
};

/** Tokens of a signed-in staff member. */
export interface SessionTokens {
  readonly accessToken: string;
  /** The ID token (who signed in: sub and e-mail); absent on renewal. */
  readonly idToken?: string;
  /** Absent when the session was renewed: the refresh token stays the same. */
  readonly refreshToken?: string;
  readonly expiresInSeconds: number;
}

/** What Cognito asks for next, with its opaque session string (valid for a few minutes). */
export type SignInStep =
  | { readonly kind: 'signed-in'; readonly tokens: SessionTokens }
  | { readonly kind: 'new-password'; readonly session: string }
  | { readonly kind: 'mfa-code'; readonly session: string }
  | { readonly kind: 'mfa-setup'; readonly session: string; readonly secret: string }
  | { readonly kind: 'refused' };

export interface StaffSessions {
  signIn(username: string, password: string): Promise<SignInStep>;
  setNewPassword(username: string, session: string, newPassword: string): Promise<SignInStep>;
  answerMfa(username: string, session: string, code: string): Promise<SignInStep>;
  finishMfaSetup(username: string, session: string, code: string): Promise<SignInStep>;
  /** A new access token for a refresh token; undefined when it expired or was revoked. */
  refresh(refreshToken: string): Promise<SessionTokens | undefined>;
  revoke(refreshToken: string): Promise<void>;
  /** Revokes every refresh token of the user (Cognito's GlobalSignOut; cognito-local has none: a no-op there). */
  signOutEverywhere(accessToken: string): Promise<void>;
  /**
   * "Glemt adgangskode": Cognito emails a code to the user's address. The same answer whether or
   * not the user exists (the client prevents user existence errors), and whether or not Cognito
   * refused more codes for the user (that would tell who is staff); the page limits each client.
   */
  requestPasswordReset(username: string): Promise<'sent'>;
  /** Sets the new password with the emailed code; 'refused' for a wrong or expired code or a weak password. */
  confirmPasswordReset(username: string, code: string, newPassword: string): Promise<'reset' | 'refused'>;
}

/** Errors that mean "wrong password, unknown user, wrong code": the person may try again. */
const refusals = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'CodeMismatchException',
  'ExpiredCodeException',
  'InvalidPasswordException',
  'EnableSoftwareTokenMFAException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

/**
 * Staff sign-in with the user pool's app client (USER_PASSWORD_AUTH), the same against real
 * Cognito and cognito-local: new-password and TOTP (MFA) challenges, first-time TOTP setup,
 * session renewal with the refresh token, and revocation at sign-out.
 */
export const cognitoStaffSessions = (
  config: { clientId: string },
  injectedClient?: CognitoIdentityProviderClient,
): StaffSessions => {
  let client: CognitoIdentityProviderClient | undefined = injectedClient;
  /** The SDK's commands and the client, created on first use. */
  const cognito = async () => {
    const sdk = await cognitoSdk();
    client ??= traced(new sdk.CognitoIdentityProviderClient({}));
    return { sdk, client };
  };
  const step = async (
    run: () => Promise<{
      AuthenticationResult?: {
        AccessToken?: string;
        IdToken?: string;
        RefreshToken?: string;
        ExpiresIn?: number;
      };
      ChallengeName?: string;
      Session?: string;
    }>,
  ): Promise<SignInStep> => {
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run();
    } catch (error) {
      if (refusals.has((error as Error).name) || (error as Error).name === 'InvalidParameterException')
        return { kind: 'refused' };
      throw error;
    }
    const auth = result.AuthenticationResult;
    if (auth?.AccessToken) {
      return {
        kind: 'signed-in',
        tokens: {
          accessToken: auth.AccessToken,
          idToken: auth.IdToken,
          refreshToken: auth.RefreshToken,
          expiresInSeconds: auth.ExpiresIn ?? 3600,
        },
      };
    }
    const session = result.Session ?? '';
    switch (result.ChallengeName) {
      case 'NEW_PASSWORD_REQUIRED':
        return { kind: 'new-password', session };
      case 'SOFTWARE_TOKEN_MFA':
        return { kind: 'mfa-code', session };
      case 'MFA_SETUP': {
        const { sdk, client } = await cognito();
        const associated = await client.send(new sdk.AssociateSoftwareTokenCommand({ Session: session }));
        return {
          kind: 'mfa-setup',
          session: associated.Session ?? session,
          secret: associated.SecretCode ?? '',
        };
      }
      default:
        // A challenge this page cannot answer (e.g. SMS): refuse rather than half sign in.
        return { kind: 'refused' };
    }
  };

  const respond = (username: string, session: string, name: string, responses: Record<string, string>) =>
    step(async () => {
      const { sdk, client } = await cognito();
      return client.send(
        new sdk.RespondToAuthChallengeCommand({
          ClientId: config.clientId,
          ChallengeName: name as 'NEW_PASSWORD_REQUIRED',
          Session: session,
          ChallengeResponses: { USERNAME: username, ...responses },
        }),
      );
    });

  return {
    signIn: (username, password) =>
      step(async () => {
        const { sdk, client } = await cognito();
        return client.send(
          new sdk.InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: config.clientId,
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        );
      }),
    setNewPassword: (username, session, newPassword) =>
      respond(username, session, 'NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: newPassword }),
    answerMfa: (username, session, code) =>
      respond(username, session, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }),
    async finishMfaSetup(username, session, code) {
      let verified: { Status?: string; Session?: string };
      const { sdk, client } = await cognito();
      try {
        verified = await client.send(
          new sdk.VerifySoftwareTokenCommand({ Session: session, UserCode: code }),
        );
      } catch (error) {
        if (refusals.has((error as Error).name)) return { kind: 'refused' };
        throw error;
      }
      if (verified.Status !== 'SUCCESS') return { kind: 'refused' };
      return respond(username, verified.Session ?? session, 'MFA_SETUP', {});
    },
    async refresh(refreshToken) {
      const next = await step(async () => {
        const { sdk, client } = await cognito();
        return client.send(
          new sdk.InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: config.clientId,
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
      });
      return next.kind === 'signed-in' ? next.tokens : undefined;
    },
    async revoke(refreshToken) {
      const { sdk, client } = await cognito();
      await client.send(new sdk.RevokeTokenCommand({ ClientId: config.clientId, Token: refreshToken }));
    },

    async signOutEverywhere(accessToken) {
      const { sdk, client } = await cognito();
      await client.send(new sdk.GlobalSignOutCommand({ AccessToken: accessToken }));
    },
    async requestPasswordReset(username) {
      const { sdk, client } = await cognito();
      try {
        await client.send(new sdk.ForgotPasswordCommand({ ClientId: config.clientId, Username: username }));
        return 'sent';
      } catch (error) {
        const name = (error as Error).name;
        // Cognito limits codes per user: saying so would tell that the address is a staff member's.
        if (name === 'LimitExceededException' || name === 'TooManyRequestsException') return 'sent';
        // Unknown or not yet confirmed users get the same answer as everyone else.
        if (refusals.has(name) || name === 'InvalidParameterException') return 'sent';
        throw error;
      }
    },
    async confirmPasswordReset(username, code, newPassword) {
      const { sdk, client } = await cognito();
      try {
        await client.send(
          new sdk.ConfirmForgotPasswordCommand({
            ClientId: config.clientId,
            Username: username,
            ConfirmationCode: code,
            Password: newPassword,
          }),
        );
        return 'reset';
      } catch (error) {
        const name = (error as Error).name;
        if (refusals.has(name) || name === 'InvalidParameterException' || name === 'LimitExceededException')
          return 'refused';
        throw error;
      }
    },
  };
};
