import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { changeStaffAccount } from '../../functions/adapters/staff-users.ts';
import { cognitoClient, request, stack } from '../support/stack.ts';
import { newStaffUser, postForm, signInWithPageAs } from '../support/staff.ts';

const run = promisify(execFile);

/** `npm run staff -- …` against the test stack (its endpoints in a stack file, as `npm start` writes). */
const staffCommand = async (...args: string[]) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'venner-staff-'));
  const stackFile = path.join(dir, 'stack.json');
  writeFileSync(stackFile, JSON.stringify(stack));
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/staff.ts', ...args, '--stack-file', stackFile],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('npm run staff (the administrator’s command)', () => {
  it('adds a caseworker with a scope, who signs in with the printed temporary password and picks their own', async () => {
    const email = `cli.${Date.now().toString(36)}@venner.local`;
    const added = await staffCommand(
      'add',
      '--email',
      email,
      '--role',
      'caseworker',
      '--centre',
      'vipperoed',
    );
    expect(added.code).toBe(0);
    const temporary = /Midlertidig adgangskode \(skal skiftes ved første login\): (\S+)/.exec(
      added.stdout,
    )?.[1];
    expect(temporary).toBeTruthy();
    const first = await postForm('/personale/log-ind', {
      step: 'password',
      username: email,
      password: temporary ?? '',
    });
    expect(await first.text()).toContain('Vælg en ny adgangskode');
    const listed = await staffCommand('list');
    expect(listed.stdout).toMatch(
      new RegExp(`${email.replace('.', '\\.')}\\s+Sagsbehandler på asylcenter\\s+center vipperoed`),
    );
    const rescoped = await staffCommand(
      'scope',
      '--email',
      email,
      '--role',
      'coordinator',
      '--kommune',
      '316',
    );
    expect(rescoped.code).toBe(0);
    expect((await staffCommand('list')).stdout).toMatch(
      new RegExp(`${email.replace('.', '\\.')}\\s+Koordinator\\s+kommune 316`),
    );
  });

  it('refuses an unknown role, centre or kommune with a Danish message and exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--role', 'boss'], 'Ukendt rolle "boss"'],
      [['--role', 'caseworker', '--centre', 'atlantis'], 'Ukendt asylcenter "atlantis"'],
      [['--role', 'coordinator', '--kommune', '999'], 'Ukendt kommunekode "999"'],
      [['--role', 'caseworker'], 'mindst ét asylcenter'],
    ];
    for (const [args, message] of cases) {
      const result = await staffCommand('add', '--email', 'x@venner.local', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });

  it('disables a departing staff member (their open session ends at once), enables them again, and removes them', async () => {
    const user = await newStaffUser({ role: 'coordinator', kommuner: ['101'] });
    const cookies = await signInWithPageAs(user.username, user.password);
    const home = () => request('/personale', { headers: { cookie: cookies } });
    expect((await home()).status).toBe(200);
    const enabled = async () =>
      (
        await cognitoClient().send(
          new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: user.username }),
        )
      ).Enabled;

    const disabled = await staffCommand('disable', '--email', user.username);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain(
      `${user.username} er deaktiveret og kan ikke logge ind. Alle sessioner er afsluttet.`,
    );
    expect(await enabled()).toBe(false);
    const refused = await home();
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toMatch(/^\/personale\/log-ind/);

    expect((await staffCommand('enable', '--email', user.username)).stdout).toContain('er aktiveret igen');
    expect(await enabled()).toBe(true);

    expect((await staffCommand('remove', '--email', user.username)).code).toBe(0);
    expect((await staffCommand('list')).stdout).not.toContain(user.username);
    const unknown = await staffCommand('disable', '--email', user.username);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`Der er ingen medarbejder med e-mailen ${user.username}.`);
  });

  /** Cognito answers scripted for what cognito-local cannot do (MFA preferences, RESEND). */
  const scripted = (user: Record<string, unknown>) => {
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return command.constructor.name === 'AdminGetUserCommand' ? user : {};
      },
    } as unknown as CognitoIdentityProviderClient;
    return { client, sent };
  };

  it('resets an authenticator app and ends the sessions; resends an invitation only to someone who never signed in', async () => {
    const ended: string[] = [];
    const sessions = { endSessions: async (sub: string) => void ended.push(sub) };
    const confirmed = scripted({
      Username: 'u',
      UserStatus: 'CONFIRMED',
      UserAttributes: [{ Name: 'sub', Value: 'sub-1' }],
    });
    expect(await changeStaffAccount(confirmed.client, 'pool', 'A@B.dk', 'reset-mfa', sessions)).toBe(
      'a@b.dk opsætter en ny godkendelsesapp ved næste login. Alle sessioner er afsluttet.',
    );
    expect(confirmed.sent.map((c) => c.name)).toEqual([
      'AdminGetUserCommand',
      'AdminSetUserMFAPreferenceCommand',
      'AdminUserGlobalSignOutCommand',
    ]);
    expect(confirmed.sent[1]?.input).toEqual({
      UserPoolId: 'pool',
      Username: 'a@b.dk',
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
    });
    expect(ended).toEqual(['sub-1']);
    await expect(changeStaffAccount(confirmed.client, 'pool', 'a@b.dk', 'resend')).rejects.toThrow(
      'a@b.dk har allerede valgt sin adgangskode',
    );

    const invited = scripted({ Username: 'u', UserStatus: 'FORCE_CHANGE_PASSWORD', UserAttributes: [] });
    expect(await changeStaffAccount(invited.client, 'pool', 'new@b.dk', 'resend')).toContain(
      'En ny invitation',
    );
    expect(invited.sent.at(-1)).toEqual({
      name: 'AdminCreateUserCommand',
      input: {
        UserPoolId: 'pool',
        Username: 'new@b.dk',
        MessageAction: 'RESEND',
        DesiredDeliveryMediums: ['EMAIL'],
      },
    });
  });
});
