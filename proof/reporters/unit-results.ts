import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestRecord } from "@/proof/compliance/report";

/** Where the Vitest reporter leaves its results for the Playwright reporter (git-ignored, like every report). */
// npm run test:postgres keeps its results apart from the SQLite run's, as its compliance report is.
export const UNIT_RESULTS_FILE = path.resolve(
  process.env.TEST_DATABASE === "postgresql" ? "reports/postgresql" : "reports",
  "unit-tests.json",
);

export type UnitResults = { sourceFingerprint: string; complete: boolean; tests: TestRecord[] };

/** The unit tests' records when they are from a complete run of this very source; otherwise why not. */
export function readUnitResults(
  sourceFingerprint: string,
  file = UNIT_RESULTS_FILE,
): { tests: TestRecord[] } | { missing: string } {
  let results: UnitResults;
  try {
    results = JSON.parse(readFileSync(file, "utf8")) as UnitResults;
  } catch {
    return { missing: "no unit test results: run the unit tests first (npm run e2e does)" };
  }
  if (results.sourceFingerprint !== sourceFingerprint)
    return { missing: "the unit test results are from other source code" };
  if (!results.complete) return { missing: "the last unit test run was partial" };
  return { tests: results.tests };
}
