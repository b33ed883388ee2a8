import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stack } from '../support/stack.ts';
import { postForm } from '../support/staff.ts';

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
});
