import {
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { cognitoStaffSessions } from '../../functions/adapters/staff-sessions.ts';

/**
 * The TOTP steps, which a deployed user pool (MFA required) asks for and cognito-local cannot:
 * Cognito's answers are scripted here; everything else about sign-in runs against cognito-local.
 */
const scripted = (answers: (command: object) => object) => {
  const sent: object[] = [];
  const client = {
    send: async (command: object) => {
      sent.push(command);
      const answer = answers(command);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as CognitoIdentityProviderClient;
  return { client, sent };
};

const tokens = { AccessToken: 'access', IdToken: 'id', RefreshToken: 'refresh', ExpiresIn: 3600 };

describe('sign-in with TOTP', () => {
  it('asks for the code, then signs in with it', async () => {
    const { client, sent } = scripted((command) =>
      command instanceof InitiateAuthCommand
        ? { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's1' }
        : { AuthenticationResult: tokens },
    );
    const sessions = cognitoStaffSessions({ clientId: 'c' }, client);
    expect(await sessions.signIn('a@b.dk', 'pw')).toEqual({ kind: 'mfa-code', session: 's1' });
    const done = await sessions.answerMfa('a@b.dk', 's1', '123456');
    expect(done).toMatchObject({
      kind: 'signed-in',
      tokens: { accessToken: 'access', refreshToken: 'refresh' },
    });
    const respond = sent[1] as RespondToAuthChallengeCommand;
    expect(respond.input).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 's1',
      ChallengeResponses: { USERNAME: 'a@b.dk', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
  });

  it('sets TOTP up at the first sign-in: the secret to add, then the verified code', async () => {
    const { client, sent } = scripted((command) => {
      if (command instanceof InitiateAuthCommand) return { ChallengeName: 'MFA_SETUP', Session: 's1' };
      if (command instanceof AssociateSoftwareTokenCommand) return { SecretCode: 'SECRET', Session: 's2' };
      if (command instanceof VerifySoftwareTokenCommand) return { Status: 'SUCCESS', Session: 's3' };
      return { AuthenticationResult: tokens };
    });
    const sessions = cognitoStaffSessions({ clientId: 'c' }, client);
    expect(await sessions.signIn('a@b.dk', 'pw')).toEqual({
      kind: 'mfa-setup',
      session: 's2',
      secret: 'SECRET',
    });
    expect(await sessions.finishMfaSetup('a@b.dk', 's2', '654321')).toMatchObject({ kind: 'signed-in' });
    expect((sent[2] as VerifySoftwareTokenCommand).input).toEqual({ Session: 's2', UserCode: '654321' });
    expect((sent[3] as RespondToAuthChallengeCommand).input).toMatchObject({
      ChallengeName: 'MFA_SETUP',
      Session: 's3',
    });
  });

  it('refuses a wrong code so the person can try again, and passes other failures on', async () => {
    const mismatch = Object.assign(new Error('wrong'), { name: 'CodeMismatchException' });
    const { client } = scripted(() => mismatch);
    const sessions = cognitoStaffSessions({ clientId: 'c' }, client);
    expect(await sessions.answerMfa('a@b.dk', 's1', '000000')).toEqual({ kind: 'refused' });
    const outage = Object.assign(new Error('down'), { name: 'InternalErrorException' });
    const broken = cognitoStaffSessions({ clientId: 'c' }, scripted(() => outage).client);
    await expect(broken.signIn('a@b.dk', 'pw')).rejects.toThrow('down');
  });
});
