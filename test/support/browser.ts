import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. On CI they must: a missing browser fails the run there instead
 * of silently skipping the tests.
 */
export const browserAvailable = (): boolean => {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${chromiumPath}: .ci/run must install it.`);
  console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (apt-get install chromium).`);
  return false;
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
