import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullResult, Reporter, Suite, TestCase, TestResult } from "@playwright/test/reporter";
import { loadRegistry } from "@/proof/compliance/registry";
import { readSourceState } from "@/proof/compliance/run-info";
import type { UnitResults } from "@/proof/reporters/unit-results";
import type { TestOutcome, TestRecord } from "@/proof/compliance/report";
import { readRunForChecks } from "./run-for-checks";
import { renderVerifyHtml, renderVerifyMarkdown, verdictLine } from "./render-verify";
import { evidenceOf, type CheckEvidence } from "@/proof/compliance/evidence";
import { buildVerifyReport } from "./verify-report";

/** Turns the outside checks' requirement tags into verify.{json,md,html} in the directory `npm run verify` names. */
export default class VerifyReporter implements Reporter {
  private planned = 0;
  private records = new Map<string, TestRecord>();
  private evidence = new Map<string, CheckEvidence>();

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
    const evidence = evidenceOf(this.records.get(test.id)!, result);
    if (evidence) this.evidence.set(test.id, evidence);
  }

  async onEnd(result: FullResult) {
    const { stamp, outputDirectory, filter } = readRunForChecks();
    const complete = !filter && result.status !== "interrupted" && this.records.size === this.planned;
    const report = buildVerifyReport(loadRegistry(), [...this.records.values()], {
      stamp,
      complete,
      evidence: [...this.evidence.values()],
    });
    mkdirSync(outputDirectory, { recursive: true });
    // The screenshots live in the HTML alone; the JSON says how many there were.
    const withoutPictures = {
      ...report,
      evidence: report.evidence.map(({ screenshots, ...rest }) => ({ ...rest, screenshots: screenshots.length })),
    };
    writeFileSync(path.join(outputDirectory, "verify.json"), `${JSON.stringify(withoutPictures, null, 2)}\n`);
    writeFileSync(path.join(outputDirectory, "verify.md"), renderVerifyMarkdown(report));
    writeFileSync(path.join(outputDirectory, "verify.html"), renderVerifyHtml(report));
    // npm run verify:tls hands the build's own report what its checks found on the deployed shape.
    const deploymentResults = process.env.VERIFY_DEPLOYMENT_RESULTS;
    if (deploymentResults) {
      const tests = [...this.records.values()].map((record) => ({ ...record, runner: "deployment" as const }));
      const kept: UnitResults = { sourceFingerprint: readSourceState().sourceFingerprint, complete, tests };
      writeFileSync(deploymentResults, `${JSON.stringify(kept, null, 2)}\n`);
    }
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
