import { describe, expect, it } from "vitest";
import { aRequirement } from "@/lib/testing/requirement";
import type { Registry } from "./registry";
import { buildComplianceReport, type TestRecord } from "./report";

const test = (title: string, outcome: TestRecord["outcome"] = "passed"): TestRecord => ({ title, file: "e2e/x.spec.ts", outcome, durationMs: 10 });

const registry: Registry = {
  requirements: [
    aRequirement("v5.0.0-7.2.4"),
    aRequirement("v5.0.0-7.4.1"),
    aRequirement("v5.0.0-7.6.1", { applies: false, reason: "no federation" }),
  ],
};

describe("the compliance report", () => {
  it("passes when every applicable requirement has a passing test", () => {
    const report = buildComplianceReport(registry, [test("[v5.0.0-7.2.4] a"), test("[v5.0.0-7.4.1] b")]);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ proven: 2, "not-applicable": 1, untested: 0, failing: 0, tests: 2 });
  });

  it("fails a complete run in which an applicable requirement has no passing test", () => {
    const report = buildComplianceReport(registry, [test("[v5.0.0-7.2.4] a"), test("[v5.0.0-7.4.1] b", "skipped")]);
    expect(report.requirements.find((r) => r.id === "v5.0.0-7.4.1")?.status).toBe("untested");
    expect(report.problems).toEqual(["v5.0.0-7.4.1 applies but no passing test proves it."]);
  });

  it("does not hold missing requirements against a run of only some test files", () => {
    expect(buildComplianceReport(registry, [test("[v5.0.0-7.2.4] a")], { complete: false }).problems).toEqual([]);
  });

  it("fails when a test names an ID the registry does not know", () => {
    const report = buildComplianceReport(registry, [test("[v5.0.0-7.2.4][v5.0.0-7.4.1][v5.0.0-9.9.9] typo")], { complete: false });
    expect(report.unknownIds).toEqual([{ id: "v5.0.0-9.9.9", tests: ["[v5.0.0-7.2.4][v5.0.0-7.4.1][v5.0.0-9.9.9] typo"] }]);
    expect(report.problems).toHaveLength(1);
  });

  it("marks a requirement failing when any of its tests failed, even if another passed", () => {
    const report = buildComplianceReport(registry, [test("[v5.0.0-7.2.4] a"), test("[v5.0.0-7.2.4][v5.0.0-7.4.1] b", "failed")]);
    expect(report.requirements.filter((r) => r.status === "failing").map((r) => r.id)).toEqual(["v5.0.0-7.2.4", "v5.0.0-7.4.1"]);
    expect(report.problems).toContain("v5.0.0-7.2.4 has a failing test.");
  });

  it("keeps a not-applicable requirement out of the verdict, with its reason", () => {
    const report = buildComplianceReport(registry, [test("[v5.0.0-7.2.4] a"), test("[v5.0.0-7.4.1][v5.0.0-7.6.1] b")]);
    expect(report.requirements.find((r) => r.id === "v5.0.0-7.6.1")).toMatchObject({ status: "not-applicable", reason: "no federation" });
  });
});
