import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

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

/** One Chromium and one browser context for the tests of a describe block; call inside it. */
/** A whole journey through the pages: many pages and an axe run on each, on a busy runner. */
export const journeyTimeoutMs = 120_000;

export const useBrowserContext = (): (() => BrowserContext) => {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext();
    // Long enough for a page behind a busy two-core runner (Chromium, Java and the tests on two
    // cores); a step that hangs still fails well inside the journey's timeout.
    context.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return () => {
    if (!context) throw new Error('The browser has not started');
    return context;
  };
};

/** Every page must pass axe's WCAG 2.1 A and AA rules. */
export const expectAccessible = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map(
      (v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
};
