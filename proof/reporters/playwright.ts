import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from "@playwright/test/reporter";
import { loadRegistry } from "@/proof/compliance/registry";
import { renderHtml } from "@/proof/compliance/render-html";
import { renderConsoleTable, renderMarkdown } from "@/proof/compliance/render-text";
import { buildComplianceReport, type TestOutcome, type TestRecord } from "@/proof/compliance/report";
import { readRunInfo } from "@/proof/compliance/run-info";
import { checkUntaggedTests } from "@/proof/compliance/untagged";
import { evidenceOf, type CheckEvidence } from "@/proof/compliance/evidence";
import { UNIT_RESULTS_FILE, readDeploymentResults, readUnitResults } from "./unit-results";

type Options = { outputDirectory?: string; unitResultsFile?: string };

/**
 * Turns the requirement tags of the e2e tests (and of the unit tests, through reports/unit-tests.json) into
 * reports/compliance.{json,md,html}. A requirement is proven only when every test naming it passed as
 * expected. Only a run of every test in the suite may replace the report or fail for a missing proof; any
 * filter (--grep, --grep-invert, --shard, --last-failed, a file or project) makes the run partial.
 */
export default class ComplianceReporter implements Reporter {
  private readonly outputDirectory: string;
  private readonly unitResultsFile: string;
  private config!: FullConfig;
  private planned = new Set<string>();
  private records = new Map<string, TestRecord>();
  private evidence = new Map<string, CheckEvidence>();

  constructor({ outputDirectory = "reports", unitResultsFile = UNIT_RESULTS_FILE }: Options = {}) {
    this.outputDirectory = outputDirectory;
    this.unitResultsFile = unitResultsFile;
  }

  onBegin(config: FullConfig, suite: Suite) {
    this.config = config;
    this.planned = new Set(suite.allTests().map((test) => test.id));
  }

  onTestEnd(test: TestCase, result: TestResult) {
    if (test.outcome() === "unexpected" && result.retry < test.retries) return; // it runs again
    this.records.set(test.id, {
      title: test.titlePath().slice(3).join(" › "),
      file: path.relative(process.cwd(), test.location.file),
      runner: "e2e",
      tags: test.tags,
      outcome: outcomeOf(test, result),
      durationMs: result.duration,
    });
    const evidence = evidenceOf(this.records.get(test.id)!, result);
    if (evidence) this.evidence.set(test.id, evidence);
  }

  async onEnd(result: FullResult) {
    const run = readRunInfo();
    const missingTests = this.testsNotRun();
    const complete = result.status !== "interrupted" && missingTests.length === 0;
    const unit = readUnitResults(run.sourceFingerprint, this.unitResultsFile);
    // What the build showed behind a real TLS proxy (npm run verify:tls) is the evidence of the deployment's part.
    const deployment = readDeploymentResults(run.sourceFingerprint);
    if ("missing" in deployment) console.log(`  Deployment checks: ${deployment.missing}.`);
    const tests = [
      ...this.records.values(),
      ...("tests" in unit ? unit.tests : []),
      // A check the deployment gave no chance to run (a timeout too long to wait for) says nothing either way.
      ...("tests" in deployment ? deployment.tests.filter((test) => test.outcome !== "skipped") : []),
    ];
    const report = buildComplianceReport(loadRegistry(), tests, { complete, run });
    if (complete && "missing" in unit) report.problems.push(`Unit tests: ${unit.missing}.`);
    if (complete) report.problems.push(...checkUntaggedTests([...this.records.values()]));

    console.log(renderConsoleTable(report));
    const directory = this.outputDirectory;
    if (complete) {
      mkdirSync(directory, { recursive: true });
      writeFileSync(path.join(directory, "compliance.json"), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(path.join(directory, "compliance.md"), renderMarkdown(report));
      writeFileSync(path.join(directory, "compliance.html"), renderHtml(report, [...this.evidence.values()]));
      console.log(`  Report: ${path.resolve(directory, "compliance.html")}\n`);
    } else {
      console.log(
        `  Partial run (${missingTests.length} of the suite's tests did not run): ${directory} was left as it was.\n`,
      );
    }
    if (report.problems.length > 0 && result.status === "passed") return { status: "failed" as const };
    return undefined;
  }

  /** The suite's tests, listed without any filter, that this run did not finish. */
  private testsNotRun(): string[] {
    const everyTest = listEveryTest(this.config.configFile);
    return everyTest.filter(
      (id) => !this.planned.has(id) || !this.records.has(id) || this.records.get(id)!.outcome === "interrupted",
    );
  }
}

function outcomeOf(test: TestCase, result: TestResult): TestOutcome {
  if (result.status === "interrupted") return "interrupted";
  if (test.expectedStatus === "skipped" || result.status === "skipped") return "skipped";
  if (test.expectedStatus === "failed") return "expected-failure";
  const outcome = test.outcome();
  if (outcome === "flaky") return "flaky";
  return outcome === "expected" ? "passed" : "failed";
}

type ListedSuite = { specs?: { tests: { projectId?: string }[]; id: string }[]; suites?: ListedSuite[] };

/** Every test id of the suite, from `playwright test --list` without this run's filters. */
function listEveryTest(configFile: string | undefined): string[] {
  const output = execFileSync(
    process.execPath,
    [
      require.resolve("@playwright/test/cli"),
      "test",
      "--list",
      "--reporter=json",
      ...(configFile ? ["--config", configFile] : []),
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: "" } },
  );
  const listing = JSON.parse(output) as { suites: ListedSuite[] };
  const ids: string[] = [];
  const walk = (suite: ListedSuite) => {
    for (const spec of suite.specs ?? []) ids.push(...spec.tests.map(() => spec.id));
    suite.suites?.forEach(walk);
  };
  listing.suites.forEach(walk);
  return ids;
}
