import { defineConfig } from 'vitest/config';

/**
 * The unit tests: pure code (domain rules and use cases with in-memory ports, contracts, text
 * rules, CSV, time, scoring, the email and page renderers) that needs no local services. They run
 * in `npm test` with everything else, on their own in a second or two (`npx vitest run --config
 * vitest.unit.config.ts`), and under StrykerJS (`npm run mutation`, stryker.config.json).
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    testTimeout: 10_000,
  },
});
