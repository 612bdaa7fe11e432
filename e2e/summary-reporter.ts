import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** Ends the run with one plain "e2e: N passed, N failed" line that CI logs can be read by. */
export default class SummaryReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0 };

  onTestEnd(test: TestCase, result: TestResult) {
    const outcome = test.outcome();
    // A failed attempt that will be retried is not the test's last word.
    if (outcome === "unexpected" && result.retry < test.retries) return;
    if (outcome === "skipped") this.counts.skipped++;
    else if (outcome === "unexpected") this.counts.failed++;
    else this.counts.passed++;
  }

  onEnd() {
    const { passed, failed, skipped } = this.counts;
    console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  }
}
