import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegistry } from "@/proof/compliance/registry";
import { aRequirement } from "@/proof/compliance/requirement-factory";
import type { TestRecord } from "@/proof/compliance/report";
import { buildVerifyReport, checkNotCheckedList, type Stamp } from "./verify-report";

const CHECKS = path.join(import.meta.dirname, "checks");

/** The requirement IDs the outside checks name in their tags. */
function idsTaggedByChecks() {
  const ids = new Set<string>();
  for (const file of readdirSync(CHECKS)) {
    for (const [, id] of readFileSync(path.join(CHECKS, file), "utf8").matchAll(/"@((?:v\d\.\d\.\d-[\d.]+)|r357)"/g))
      ids.add(id!);
  }
  return ids;
}

const stamp: Stamp = {
  url: "https://app.example",
  checkedAt: "2026-12-07T00:00:00Z",
  version: null,
  tls: null,
  hsts: null,
  account: "throwaway",
};
const check = (tags: string[], outcome: TestRecord["outcome"]): TestRecord => ({
  title: "a check",
  file: "proof/verify/checks/x.spec.ts",
  runner: "e2e",
  tags,
  outcome,
  durationMs: 1,
});

describe("the deployment check's report", () => {
  it("accounts for every requirement with test or deployment evidence: checked from outside, or listed with a reason", () => {
    expect(checkNotCheckedList(loadRegistry(), idsTaggedByChecks())).toEqual([]);
  });

  it("says a requirement fails when one of its checks failed, and names it among the problems", () => {
    const registry = { requirements: [aRequirement("v5.0.0-3.4.1", { evidence: "deployment" })] };
    const report = buildVerifyReport(registry, [check(["@v5.0.0-3.4.1"], "failed")], { stamp, complete: false });
    expect(report.requirements[0]!.status).toBe("fails");
    expect(report.problems).toEqual([expect.stringContaining("v5.0.0-3.4.1 fails on this deployment")]);
  });

  it("says skipped, not holds, when its only check was skipped (an account given in the environment)", () => {
    const registry = { requirements: [aRequirement("v5.0.0-6.3.1")] };
    const report = buildVerifyReport(registry, [check(["@v5.0.0-6.3.1"], "skipped")], { stamp, complete: false });
    expect(report.requirements[0]!.status).toBe("skipped");
  });

  it("fails a complete run on a requirement neither checked nor listed", () => {
    const registry = { requirements: [aRequirement("v5.0.0-3.4.1")] };
    const report = buildVerifyReport(registry, [], { stamp, complete: true });
    expect(report.problems).toContainEqual(
      expect.stringContaining("v5.0.0-3.4.1 is neither checked from outside nor listed"),
    );
  });
});
