import { requirementIdsIn, standardOf, type Registry, type Requirement } from "./registry";

export type TestOutcome = "passed" | "failed" | "skipped";
export type TestRecord = { title: string; file: string; outcome: TestOutcome; durationMs: number };

export type RequirementStatus = "proven" | "failing" | "untested" | "not-applicable";
export type RequirementResult = Requirement & { standard: string; status: RequirementStatus; tests: TestRecord[] };

export type ComplianceReport = {
  generatedAt: string;
  /** Whether every test file ran; a partial run cannot prove everything. */
  complete: boolean;
  requirements: RequirementResult[];
  /** IDs that tests name but the registry does not know. */
  unknownIds: { id: string; tests: string[] }[];
  summary: Record<RequirementStatus, number> & { tests: number };
  /** Why the run must fail; empty when every applicable requirement is proven. */
  problems: string[];
};

export function statusOf(requirement: Requirement, tests: TestRecord[]): RequirementStatus {
  if (tests.some((test) => test.outcome === "failed")) return "failing";
  if (!requirement.applies) return "not-applicable";
  return tests.some((test) => test.outcome === "passed") ? "proven" : "untested";
}

/**
 * Joins test results to the registry. `complete` says whether every test file ran: only then is a
 * requirement without a passing test a reason to fail (a run of one file proves only part of it).
 */
export function buildComplianceReport(registry: Registry, tests: TestRecord[], { complete = true } = {}): ComplianceReport {
  const testsById = new Map<string, TestRecord[]>();
  for (const test of tests) {
    for (const id of requirementIdsIn(test.title)) testsById.set(id, [...(testsById.get(id) ?? []), test]);
  }
  const known = new Set(registry.requirements.map((requirement) => requirement.id));
  const requirements = registry.requirements.map((requirement) => {
    const own = testsById.get(requirement.id) ?? [];
    return { ...requirement, standard: standardOf(requirement.id), status: statusOf(requirement, own), tests: own };
  });
  const unknownIds = [...testsById]
    .filter(([id]) => !known.has(id))
    .map(([id, named]) => ({ id, tests: named.map((test) => test.title) }));

  const summary = { proven: 0, failing: 0, untested: 0, "not-applicable": 0, tests: tests.length };
  for (const requirement of requirements) summary[requirement.status]++;

  const problems = [
    ...unknownIds.map(({ id, tests: named }) => `${id} is named by a test but is not in the registry: ${named[0]}`),
    ...requirements.filter((r) => r.status === "failing").map((r) => `${r.id} has a failing test.`),
    ...(complete ? requirements.filter((r) => r.status === "untested").map((r) => `${r.id} applies but no passing test proves it.`) : []),
  ];
  return { generatedAt: new Date().toISOString(), complete, requirements, unknownIds, summary, problems };
}
