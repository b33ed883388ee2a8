import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runSmoke } from '../../scripts/smoke/smoke-checks.ts';
import { useDirectGateway } from '../support/direct-gateway.ts';
import { scanAll, stack } from '../support/stack.ts';

const run = promisify(execFile);

/** `npm run smoke` against the local stack, as the runbook runs it against a deployment. */
describe('npm run smoke', () => {
  it('passes every check against the local stack, and with --write leaves no smoke volunteer behind', async () => {
    const email = `smoke+${Date.now().toString(36)}@venner.local`;
    const results = await runSmoke({
      baseUrl: stack.gatewayUrl,
      write: true,
      email,
      sesStoreUrl: stack.sesStoreUrl,
    });
    expect(results.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(results.map((r) => r.check)).toEqual([
      'health',
      'forside',
      'tilmeldingsformular',
      'privatlivserklæring',
      'mangler frivillige (side)',
      'tal som JSON',
      'OpenAPI',
      'personalets login',
      'sikkerhedsheadere',
      'http sendes til https',
      'tilmelding af en smoke-frivillig',
      'bekræftelse fra e-mailen',
      'sletning af smoke-frivilligen',
    ]);
    expect(results.find((r) => r.check === 'http sendes til https')?.outcome).toBe('skipped');
    expect(JSON.stringify(await scanAll(stack.tables.volunteers))).not.toContain(email);
  });

  it('runs as a command that prints each check and exits 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'venner-smoke-'));
    const stackFile = path.join(dir, 'stack.json');
    writeFileSync(stackFile, JSON.stringify(stack));
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      'scripts/smoke.ts',
      '--stack-file',
      stackFile,
    ]);
    expect(stdout).toContain(`Smoke-test af ${stack.gatewayUrl}`);
    expect(stdout).toMatch(/✓ health \(DynamoDB svarer/);
    expect(stdout).toContain('Alt i orden: 10 tjek.');
  });

  describe('against a deployment that is not right', () => {
    const directUrl = useDirectGateway(3148);

    it('fails each check that does not hold, says why, and the command exits 1', async () => {
      // The API without CloudFront in front: every page refused.
      const results = await runSmoke({ baseUrl: directUrl() });
      const failed = results.filter((r) => r.outcome === 'failed');
      expect(failed.map((r) => r.check)).toEqual(
        expect.arrayContaining(['health', 'forside', 'tal som JSON']),
      );
      expect(failed.find((r) => r.check === 'health')?.detail).toBe('/health answered 403');
      const command = await run(process.execPath, [
        '--import',
        'tsx',
        'scripts/smoke.ts',
        '--url',
        directUrl(),
      ]).catch((error: { code: number; stdout: string }) => error);
      expect((command as { code: number }).code).toBe(1);
      expect((command as { stdout: string }).stdout).toMatch(/✗ health: \/health answered 403/);
    });
  });
});
