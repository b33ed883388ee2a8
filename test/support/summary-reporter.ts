import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line, "Vitest: N passed, N failed, N skipped", which CI reads the same way for
 * every runner. A module that failed to load (setup error) counts as failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    console.log(`\nVitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
