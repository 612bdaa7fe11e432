import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from "@playwright/test/reporter";
import { loadRegistry } from "../lib/compliance/registry";
import { renderHtml } from "../lib/compliance/render-html";
import { renderConsoleTable, renderMarkdown } from "../lib/compliance/render-text";
import { buildComplianceReport, type TestRecord } from "../lib/compliance/report";

const REPORT_DIRECTORY = "reports";

/**
 * Turns the IDs in test titles into reports/compliance.{json,md,html}. A run fails when a test names an
 * unknown ID, or, when every spec file ran, when an applicable requirement has no passing test.
 */
export default class ComplianceReporter implements Reporter {
  private records = new Map<string, TestRecord>();
  private complete = false;

  onBegin(config: FullConfig, suite: Suite) {
    const testDir = config.projects[0]?.testDir ?? "e2e";
    const ran = new Set(suite.allTests().map((test) => path.basename(test.location.file)));
    this.complete = readdirSync(testDir)
      .filter((file) => file.endsWith(".spec.ts"))
      .every((file) => ran.has(file));
  }

  onTestEnd(test: TestCase, result: TestResult) {
    const outcome = test.outcome();
    if (outcome === "unexpected" && result.retry < test.retries) return; // it will run again
    this.records.set(test.id, {
      title: test.title,
      file: path.relative(process.cwd(), test.location.file),
      outcome: outcome === "skipped" ? "skipped" : outcome === "unexpected" ? "failed" : "passed",
      durationMs: result.duration,
    });
  }

  async onEnd(result: FullResult) {
    const report = buildComplianceReport(loadRegistry(), [...this.records.values()], { complete: this.complete });
    console.log(renderConsoleTable(report));
    // Only a run of every test file may replace the report: a partial one would hide what it did not run.
    if (this.complete) {
      mkdirSync(REPORT_DIRECTORY, { recursive: true });
      writeFileSync(path.join(REPORT_DIRECTORY, "compliance.json"), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(path.join(REPORT_DIRECTORY, "compliance.md"), renderMarkdown(report));
      writeFileSync(path.join(REPORT_DIRECTORY, "compliance.html"), renderHtml(report));
      console.log(`  Report: ${path.resolve(REPORT_DIRECTORY, "compliance.html")}\n`);
    } else {
      console.log(`  Partial run: the report in ${REPORT_DIRECTORY}/ was left as it was.\n`);
    }
    if (report.problems.length > 0 && result.status === "passed") return { status: "failed" as const };
    return undefined;
  }
}
