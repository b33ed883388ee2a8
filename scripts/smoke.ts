import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../infra/build-assets.ts';
import type { LocalStackInfo } from './local/local-stack.ts';
import { runSmoke } from './smoke/smoke-checks.ts';

/**
 * `npm run smoke [-- --url https://venner.dk] [--write [--email navn+smoke@…]]`: checks a running
 * deployment without writing (health, pages, figures, OpenAPI, headers, https). With `--write` a
 * `+smoke` volunteer signs up, confirms from the email and is erased (the confirmation needs the
 * emails: the local stack's SES stand-in, or `--ses-store <url>`). Without `--url`, the local stack
 * that `npm start` runs. Exits 1 if a check fails.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    write: { type: 'boolean', default: false },
    email: { type: 'string' },
    'ses-store': { type: 'string' },
    'stack-file': { type: 'string', default: path.join(projectRoot, '.local', 'stack.json') },
  },
});

let baseUrl = values.url;
let sesStoreUrl = values['ses-store'];
if (!baseUrl) {
  const stackFile = path.resolve(values['stack-file'] as string);
  if (!existsSync(stackFile)) {
    console.error('Ingen lokal stak fundet: start den med "npm start", eller angiv --url https://<domæne>.');
    process.exit(2);
  }
  const info = JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStackInfo;
  baseUrl = info.gatewayUrl;
  sesStoreUrl ??= info.sesStoreUrl;
}
console.log(`Smoke-test af ${baseUrl}${values.write ? ' (med en smoke-frivillig)' : ''}`);
const results = await runSmoke({
  baseUrl,
  write: values.write,
  email: values.email,
  sesStoreUrl,
  log: (line) => console.log(line),
});
const failed = results.filter((r) => r.outcome === 'failed').length;
console.log(
  failed === 0 ? `Alt i orden: ${results.length} tjek.` : `${failed} af ${results.length} tjek fejlede.`,
);
process.exit(failed === 0 ? 0 : 1);
