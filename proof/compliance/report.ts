import { checkRegistry, requirementIdsInTags, standardOf, type Registry, type Requirement } from "./registry";
import type { RunInfo } from "./run-info";

/**
 * A test's last word. Only "passed" (ran, passed on its first attempt, and was expected to) counts for a
 * requirement; every other outcome counts against it.
 */
export type TestOutcome = "passed" | "failed" | "flaky" | "skipped" | "expected-failure" | "interrupted";
export type TestRecord = {
  title: string;
  file: string;
  /** "e2e" (Playwright), "unit" (Vitest) or "deployment" (npm run verify:tls, the build behind a TLS proxy). */
  runner: "e2e" | "unit" | "deployment";
  tags: string[];
  outcome: TestOutcome;
  durationMs: number;
};

export type RequirementStatus =
  "proven" | "failing" | "not-proven" | "not-met" | "documented" | "deployment" | "not-applicable";
export type RequirementResult = Requirement & { standard: string; status: RequirementStatus; tests: TestRecord[] };

export type ComplianceReport = {
  generatedAt: string;
  /** Whether every test of the suite ran; a partial run cannot prove everything and never replaces the report. */
  complete: boolean;
  run: RunInfo | null;
  requirements: RequirementResult[];
  /** Requirement IDs that tests name but the registry does not know. */
  unknownIds: { id: string; tests: string[] }[];
  summary: Record<RequirementStatus, number> & { tests: number };
  /** Why the run must fail; empty when every requirement with test evidence is proven or knowingly not met. */
  problems: string[];
};

const COUNTS_AGAINST: TestOutcome[] = ["failed", "flaky", "expected-failure", "interrupted"];

export function statusOf(requirement: Requirement, tests: TestRecord[]): RequirementStatus {
  if (requirement.evidence === "not-applicable") return "not-applicable";
  if (requirement.evidence === "design") return "documented";
  // Tests may show the app's own part of a deployment requirement; failing, they count against it.
  // Checked on the build behind a real TLS proxy (npm run verify:tls), they are proven for that deployed shape.
  if (requirement.evidence === "deployment") {
    if (tests.some((test) => COUNTS_AGAINST.includes(test.outcome))) return "failing";
    const checkedDeployed = tests.some((test) => test.runner === "deployment");
    return checkedDeployed && tests.every((test) => test.outcome === "passed") ? "proven" : "deployment";
  }
  if (requirement.notMet) return "not-met";
  if (tests.some((test) => COUNTS_AGAINST.includes(test.outcome))) return "failing";
  return tests.length > 0 && tests.every((test) => test.outcome === "passed") ? "proven" : "not-proven";
}

/** Joins test results to the registry. Only a complete run may hold an unproven requirement against the code. */
export function buildComplianceReport(
  registry: Registry,
  tests: TestRecord[],
  { complete = true, run = null }: { complete?: boolean; run?: RunInfo | null } = {},
): ComplianceReport {
  const testsById = new Map<string, TestRecord[]>();
  for (const test of tests) {
    for (const id of requirementIdsInTags(test.tags)) testsById.set(id, [...(testsById.get(id) ?? []), test]);
  }
  const known = new Set(registry.requirements.map((requirement) => requirement.id));
  const requirements = registry.requirements.map((requirement) => {
    const own = testsById.get(requirement.id) ?? [];
    return { ...requirement, standard: standardOf(requirement.id), status: statusOf(requirement, own), tests: own };
  });
  const unknownIds = [...testsById]
    .filter(([id]) => !known.has(id))
    .map(([id, named]) => ({ id, tests: named.map((test) => test.title) }));

  const summary = {
    proven: 0,
    failing: 0,
    "not-proven": 0,
    "not-met": 0,
    documented: 0,
    deployment: 0,
    "not-applicable": 0,
    tests: tests.length,
  };
  for (const requirement of requirements) summary[requirement.status]++;

  const problems = [
    ...checkRegistry(registry).map((problem) => `Registry: ${problem}`),
    ...unknownIds.map(({ id, tests: named }) => `${id} is named by a test but is not in the registry: ${named[0]}`),
    ...requirements
      .filter((r) => (r.evidence === "design" || r.evidence === "not-applicable") && r.tests.length > 0)
      .map((r) => `${r.id} is met by ${r.evidence}, so no test may claim it: ${r.tests[0]!.title}`),
    ...requirements
      .filter((r) => r.notMet && r.tests.length > 0)
      .map((r) => `${r.id} is recorded as not met, yet a test claims it: ${r.tests[0]!.title}`),
    ...requirements.filter((r) => r.status === "failing").map((r) => `${r.id}: ${describeFailure(r.tests)}`),
    ...(complete
      ? requirements
          .filter((r) => r.status === "not-proven")
          .map((r) => `${r.id} needs tests, but ${describeMissing(r.tests)}.`)
      : []),
  ];
  return { generatedAt: new Date().toISOString(), complete, run, requirements, unknownIds, summary, problems };
}

function describeFailure(tests: TestRecord[]) {
  const bad = tests.filter((test) => COUNTS_AGAINST.includes(test.outcome));
  return bad.map((test) => `${test.outcome}: ${test.title}`).join("; ");
}

function describeMissing(tests: TestRecord[]) {
  if (tests.length === 0) return "no test names it";
  return `only skipped tests name it (${tests.map((test) => test.title).join("; ")})`;
}
