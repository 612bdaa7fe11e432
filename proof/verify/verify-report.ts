import notCheckedFromOutside from "@/proof/verify/not-checked-from-outside.json";
import { requirementIdsInTags, standardOf, type Registry, type Requirement } from "@/proof/compliance/registry";
import type { TestRecord } from "@/proof/compliance/report";
import type { CheckEvidence } from "@/proof/compliance/evidence";
import type { TlsFacts } from "./target";

// What `npm run verify` found on one deployment: each requirement held, failed, or could not be checked from
// outside (and why). Kept apart from the build's compliance report: this one is about a URL, not the code.

export type VerifyStatus = "holds" | "fails" | "skipped" | "not-from-outside" | "documented" | "not-applicable";

/** What the target showed before any check ran. */
export type Stamp = {
  url: string;
  checkedAt: string;
  /** What the instance says it is (its pages' generator), or null when it does not say. */
  version: string | null;
  tls: TlsFacts | null;
  /** Strict-Transport-Security on the sign-in page, as served. */
  hsts: string | null;
  /** Whether the checks used a throwaway account (deleted at the end) or one given in the environment. */
  account: "throwaway" | "given";
};

export type VerifiedRequirement = Pick<Requirement, "id" | "summary" | "level"> & {
  standard: string;
  status: VerifyStatus;
  /** Why it cannot be checked from outside, or why it is documented or does not apply. */
  reason: string | null;
  tests: TestRecord[];
};

export type VerifyReport = {
  stamp: Stamp;
  complete: boolean;
  requirements: VerifiedRequirement[];
  evidence: CheckEvidence[];
  summary: Record<VerifyStatus, number> & { tests: number };
  problems: string[];
};

type NotCheckedFromOutside = { reasons: Record<string, string>; requirements: Record<string, string> };
const NOT_CHECKED_FROM_OUTSIDE = notCheckedFromOutside as NotCheckedFromOutside;

function statusOf(requirement: Requirement, tests: TestRecord[]): VerifyStatus {
  if (requirement.evidence === "not-applicable") return "not-applicable";
  if (requirement.evidence === "design") return "documented";
  if (tests.length === 0) return NOT_CHECKED_FROM_OUTSIDE.requirements[requirement.id] ? "not-from-outside" : "skipped";
  if (tests.some((test) => test.outcome !== "passed" && test.outcome !== "skipped")) return "fails";
  return tests.every((test) => test.outcome === "passed") ? "holds" : "skipped";
}

function reasonFor(requirement: Requirement, status: VerifyStatus): string | null {
  if (status === "not-from-outside")
    return NOT_CHECKED_FROM_OUTSIDE.reasons[NOT_CHECKED_FROM_OUTSIDE.requirements[requirement.id]!] ?? null;
  if (status === "documented" || status === "not-applicable") return requirement.reason ?? null;
  return null;
}

/** Where the list of what cannot be checked from outside disagrees with the registry or with the checks. */
export function checkNotCheckedList(
  registry: Registry,
  checkedIds: Set<string>,
  list: NotCheckedFromOutside = NOT_CHECKED_FROM_OUTSIDE,
) {
  const problems: string[] = [];
  const byId = new Map(registry.requirements.map((requirement) => [requirement.id, requirement]));
  for (const [id, reason] of Object.entries(list.requirements)) {
    if (!byId.has(id))
      problems.push(`proof/verify/not-checked-from-outside.json names ${id}, which the registry does not know.`);
    if (!list.reasons[reason])
      problems.push(`proof/verify/not-checked-from-outside.json gives ${id} an unknown reason "${reason}".`);
    if (checkedIds.has(id)) problems.push(`${id} is checked from outside and also listed as not checked from outside.`);
  }
  for (const requirement of registry.requirements) {
    const needsEvidence = requirement.evidence === "test" || requirement.evidence === "deployment";
    if (needsEvidence && !checkedIds.has(requirement.id) && !list.requirements[requirement.id]) {
      problems.push(
        `${requirement.id} is neither checked from outside nor listed with a reason in not-checked-from-outside.json.`,
      );
    }
  }
  return problems;
}

export function buildVerifyReport(
  registry: Registry,
  tests: TestRecord[],
  { stamp, complete, evidence = [] }: { stamp: Stamp; complete: boolean; evidence?: CheckEvidence[] },
): VerifyReport {
  const testsById = new Map<string, TestRecord[]>();
  for (const test of tests) {
    for (const id of requirementIdsInTags(test.tags)) testsById.set(id, [...(testsById.get(id) ?? []), test]);
  }
  const requirements = registry.requirements.map((requirement) => {
    const own = testsById.get(requirement.id) ?? [];
    const status = statusOf(requirement, own);
    return {
      id: requirement.id,
      summary: requirement.summary,
      level: requirement.level,
      standard: standardOf(requirement.id),
      status,
      reason: reasonFor(requirement, status),
      tests: own,
    };
  });
  const summary = {
    holds: 0,
    fails: 0,
    skipped: 0,
    "not-from-outside": 0,
    documented: 0,
    "not-applicable": 0,
    tests: tests.length,
  };
  for (const requirement of requirements) summary[requirement.status] += 1;
  const problems = requirements
    .filter((requirement) => requirement.status === "fails")
    .map((requirement) => `${requirement.id} fails on this deployment: ${requirement.summary}`);
  if (complete) problems.push(...checkNotCheckedList(registry, new Set(testsById.keys())));
  const unknown = [...testsById.keys()].filter(
    (id) => !registry.requirements.some((requirement) => requirement.id === id),
  );
  problems.push(...unknown.map((id) => `A check names ${id}, which the registry does not know.`));
  return { stamp, complete, requirements, evidence, summary, problems };
}
