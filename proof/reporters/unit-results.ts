import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestRecord } from "@/proof/compliance/report";

/** Where the Vitest reporter leaves its results for the Playwright reporter (git-ignored, like every report). */
// npm run test:postgres keeps its results apart from the SQLite run's, as its compliance report is.
export const UNIT_RESULTS_FILE = path.resolve(
  process.env.TEST_DATABASE === "postgresql" ? "reports/postgresql" : "reports",
  "unit-tests.json",
);

/** Test records kept for the Playwright reporter, with the source they were made from. */
export type UnitResults = { sourceFingerprint: string; complete: boolean; tests: TestRecord[] };

/** The unit tests' records when they are from a complete run of this very source; otherwise why not. */
export function readUnitResults(sourceFingerprint: string, file = UNIT_RESULTS_FILE) {
  return readResultsOfThisSource(file, sourceFingerprint, {
    none: "no unit test results: run the unit tests first (npm run e2e does)",
    other: "the unit test results are from other source code",
    partial: "the last unit test run was partial",
  });
}

/**
 * Where `npm run verify:tls` leaves what its checks found on the build behind a TLS proxy: the evidence of the
 * requirements only a deployment shows (HSTS, one application per hostname).
 */
export const DEPLOYMENT_RESULTS_FILE = path.resolve("reports", "deployment-checks.json");

/** The deployment checks' records when they ran completely against a build of this very source. */
export function readDeploymentResults(sourceFingerprint: string, file = DEPLOYMENT_RESULTS_FILE) {
  return readResultsOfThisSource(file, sourceFingerprint, {
    none: "no deployment checks: npm run verify:tls did not run (it needs nginx and mkcert)",
    other: "the deployment checks are from other source code",
    partial: "the last deployment check was partial",
  });
}

function readResultsOfThisSource(
  file: string,
  sourceFingerprint: string,
  why: { none: string; other: string; partial: string },
): { tests: TestRecord[] } | { missing: string } {
  let results: UnitResults;
  try {
    results = JSON.parse(readFileSync(file, "utf8")) as UnitResults;
  } catch {
    return { missing: why.none };
  }
  if (results.sourceFingerprint !== sourceFingerprint) return { missing: why.other };
  if (!results.complete) return { missing: why.partial };
  return { tests: results.tests };
}
