import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullResult, Reporter, Suite, TestCase, TestResult } from "@playwright/test/reporter";
import { loadRegistry } from "@/proof/compliance/registry";
import type { TestOutcome, TestRecord } from "@/proof/compliance/report";
import { readStamp } from "./stamp";
import { renderVerifyHtml, renderVerifyMarkdown, verdictLine } from "./render-verify";
import { buildVerifyReport } from "./verify-report";

/** Turns the outside checks' requirement tags into verify.{json,md,html} in the directory `npm run verify` names. */
export default class VerifyReporter implements Reporter {
  private planned = 0;
  private records = new Map<string, TestRecord>();

  onBegin(_config: unknown, suite: Suite) {
    this.planned = suite.allTests().length;
  }

  onTestEnd(test: TestCase, result: TestResult) {
    this.records.set(test.id, {
      title: test.title,
      file: path.relative(process.cwd(), test.location.file),
      runner: "e2e",
      tags: test.tags,
      outcome: outcomeOf(test.outcome(), result),
      durationMs: result.duration,
    });
  }

  async onEnd(result: FullResult) {
    const complete = result.status !== "interrupted" && this.records.size === this.planned;
    const { stamp, outputDirectory } = readStamp();
    const report = buildVerifyReport(loadRegistry(), [...this.records.values()], { stamp, complete });
    mkdirSync(outputDirectory, { recursive: true });
    writeFileSync(path.join(outputDirectory, "verify.json"), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(outputDirectory, "verify.md"), renderVerifyMarkdown(report));
    writeFileSync(path.join(outputDirectory, "verify.html"), renderVerifyHtml(report));
    console.log(`\n  ${verdictLine(report)}`);
    for (const problem of report.problems) console.log(`  - ${problem}`);
    console.log(`  Report: ${path.resolve(outputDirectory, "verify.html")}\n`);
    if (report.problems.length > 0 && result.status === "passed") return { status: "failed" as const };
    return undefined;
  }
}

function outcomeOf(outcome: ReturnType<TestCase["outcome"]>, result: TestResult): TestOutcome {
  if (result.status === "interrupted") return "interrupted";
  if (outcome === "skipped") return "skipped";
  return outcome === "expected" ? "passed" : "failed";
}
