import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestCase, TestModule, Vitest } from "vitest/node";
import type { TestOutcome, TestRecord } from "@/proof/compliance/report";
import { readSourceState } from "@/proof/compliance/run-info";
import { UNIT_RESULTS_FILE, type UnitResults } from "./unit-results";

/**
 * Hands the unit tests' requirement tags and outcomes to the compliance report: `npm run e2e` runs the unit
 * tests first and the Playwright reporter reads this file, but only when it describes the same source and a
 * complete run (no name, tag, file or shard filter).
 */
export default class ComplianceUnitReporter implements Reporter {
  private vitest!: Vitest;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    _errors: unknown,
    reason: "passed" | "failed" | "interrupted",
  ) {
    const tests = testModules.flatMap((module) => [...module.children.allTests()].map(toRecord));
    const { config } = this.vitest;
    const ran = new Set(testModules.map((module) => module.moduleId));
    const everyFile = (await this.vitest.globTestSpecifications()).every((spec) => ran.has(spec.moduleId));
    const complete =
      reason !== "interrupted" &&
      everyFile &&
      !config.testNamePattern &&
      !config.tagsFilter?.length &&
      !config.shard &&
      !config.related?.length;
    // A partial run never replaces the results of a complete one.
    if (!complete) return console.log("Partial unit test run: reports/unit-tests.json was left as it was.");
    const results: UnitResults = { sourceFingerprint: readSourceState().sourceFingerprint, complete, tests };
    mkdirSync(path.dirname(UNIT_RESULTS_FILE), { recursive: true });
    writeFileSync(UNIT_RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  }
}

function toRecord(test: TestCase): TestRecord {
  return {
    title: test.fullName,
    file: path.relative(process.cwd(), test.module.moduleId),
    runner: "unit",
    tags: test.tags,
    outcome: outcomeOf(test),
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}

function outcomeOf(test: TestCase): TestOutcome {
  const state = test.result().state;
  if (state === "failed") return "failed";
  if (state !== "passed") return "skipped";
  if (test.options.fails) return "expected-failure";
  return test.diagnostic()?.flaky ? "flaky" : "passed";
}
