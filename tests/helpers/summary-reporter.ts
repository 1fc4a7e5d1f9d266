import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line `N passed, N failed[, N skipped]` that CI reads. When
 * `LYTTEPOST_FAIL_ON_SKIP=1` (set by `.ci/run`), a skipped test counts as a failure: CI has every service,
 * so nothing may be skipped there.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
    }
    // An error outside any test (a crashed worker, a bad config) fails the run even if every test passed.
    failed += unhandledErrors.length;
    if (process.env.LYTTEPOST_FAIL_ON_SKIP === '1' && skipped > 0) {
      process.stdout.write(`\n${skipped} test(s) were skipped, and CI must skip nothing\n`);
      failed += skipped;
      skipped = 0;
      process.exitCode = 1;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
