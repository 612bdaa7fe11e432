import { describe, expect, it } from "vitest";
import type { Registry } from "./registry";
import { buildComplianceReport, type TestOutcome, type TestRecord } from "./report";
import { aRequirement } from "./requirement-factory";

const aTest = (tags: string[], outcome: TestOutcome = "passed"): TestRecord => ({
  title: `a test of ${tags.join(" ")}`,
  file: "e2e/x.spec.ts",
  runner: "e2e",
  tags,
  outcome,
  durationMs: 10,
});

const registry: Registry = {
  requirements: [
    aRequirement("v5.0.0-7.2.4"),
    aRequirement("v5.0.0-7.4.1"),
    aRequirement("v5.0.0-7.6.1", { evidence: "not-applicable", reason: "no federation" }),
    aRequirement("v5.0.0-7.1.3", { evidence: "design", reason: "the policy document says so" }),
    aRequirement("v5.0.0-3.5.4", { evidence: "deployment", reason: "one hostname per application" }),
    aRequirement("r357", { level: null, notMet: "signed stateless tokens do not exist yet" }),
  ],
};
const statusOf = (report: ReturnType<typeof buildComplianceReport>, id: string) =>
  report.requirements.find((r) => r.id === id)?.status;

describe("the compliance report", () => {
  it("passes when every requirement with test evidence has passing tests, and counts each kind apart", () => {
    const report = buildComplianceReport(registry, [aTest(["@v5.0.0-7.2.4"]), aTest(["@v5.0.0-7.4.1", "@slow"])]);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({
      proven: 2,
      "not-met": 1,
      documented: 1,
      deployment: 1,
      "not-applicable": 1,
      "not-proven": 0,
      failing: 0,
    });
  });

  it.each<TestOutcome>(["failed", "flaky", "expected-failure", "interrupted"])(
    "counts a %s test against its requirement, even beside a pass",
    (outcome) => {
      const report = buildComplianceReport(registry, [
        aTest(["@v5.0.0-7.2.4"]),
        aTest(["@v5.0.0-7.2.4", "@v5.0.0-7.4.1"], outcome),
      ]);
      expect(statusOf(report, "v5.0.0-7.2.4")).toBe("failing");
      expect(report.problems.join("\n")).toContain(`v5.0.0-7.2.4: ${outcome}`);
    },
  );

  it("never counts a skipped test as proof, and says so in a complete run", () => {
    const report = buildComplianceReport(registry, [aTest(["@v5.0.0-7.2.4"]), aTest(["@v5.0.0-7.4.1"], "skipped")]);
    expect(statusOf(report, "v5.0.0-7.4.1")).toBe("not-proven");
    expect(report.problems).toEqual([
      expect.stringContaining("v5.0.0-7.4.1 needs tests, but only skipped tests name it"),
    ]);
  });

  it("does not prove a requirement when a skipped test names it beside a passing one", () => {
    const report = buildComplianceReport(registry, [
      aTest(["@v5.0.0-7.2.4"]),
      aTest(["@v5.0.0-7.2.4", "@v5.0.0-7.4.1"], "skipped"),
    ]);
    expect(statusOf(report, "v5.0.0-7.2.4")).toBe("not-proven");
  });

  it("holds nothing missing against a partial run, but still reports failures in it", () => {
    expect(buildComplianceReport(registry, [aTest(["@v5.0.0-7.2.4"])], { complete: false }).problems).toEqual([]);
    const partial = buildComplianceReport(registry, [aTest(["@v5.0.0-7.2.4"], "failed")], { complete: false });
    expect(partial.problems).toHaveLength(1);
  });

  it("fails when a test names an ID the registry does not know", () => {
    const report = buildComplianceReport(registry, [aTest(["@v5.0.0-7.2.4", "@v5.0.0-9.9.9"])], { complete: false });
    expect(report.unknownIds).toEqual([{ id: "v5.0.0-9.9.9", tests: ["a test of @v5.0.0-7.2.4 @v5.0.0-9.9.9"] }]);
    expect(report.problems).toHaveLength(1);
  });

  it("shows design and deployment evidence as such, never as proven, and refuses tests that claim a design", () => {
    const report = buildComplianceReport(registry, [aTest(["@v5.0.0-7.2.4", "@v5.0.0-7.4.1", "@v5.0.0-7.1.3"])]);
    expect(statusOf(report, "v5.0.0-7.1.3")).toBe("documented");
    expect(statusOf(report, "v5.0.0-3.5.4")).toBe("deployment");
    expect(report.problems).toEqual([
      expect.stringContaining("v5.0.0-7.1.3 is met by design, so no test may claim it"),
    ]);
  });

  it("lets tests show the app's own part of a deployment requirement, and counts their failure against it", () => {
    const tests = [aTest(["@v5.0.0-7.2.4", "@v5.0.0-7.4.1"])];
    const passing = buildComplianceReport(registry, [...tests, aTest(["@v5.0.0-3.5.4"])]);
    expect(statusOf(passing, "v5.0.0-3.5.4")).toBe("deployment");
    expect(passing.problems).toEqual([]);
    const failing = buildComplianceReport(registry, [...tests, aTest(["@v5.0.0-3.5.4"], "failed")]);
    expect(statusOf(failing, "v5.0.0-3.5.4")).toBe("failing");
  });

  it("proves a deployment requirement once checks on the build behind a real TLS proxy passed, and not before", () => {
    const tests = [aTest(["@v5.0.0-7.2.4", "@v5.0.0-7.4.1"]), aTest(["@v5.0.0-3.5.4"])];
    const deployed = (outcome: TestOutcome) => ({
      ...aTest(["@v5.0.0-3.5.4"], outcome),
      runner: "deployment" as const,
    });
    expect(statusOf(buildComplianceReport(registry, tests), "v5.0.0-3.5.4")).toBe("deployment");
    expect(statusOf(buildComplianceReport(registry, [...tests, deployed("passed")]), "v5.0.0-3.5.4")).toBe("proven");
    expect(statusOf(buildComplianceReport(registry, [...tests, deployed("failed")]), "v5.0.0-3.5.4")).toBe("failing");
    expect(statusOf(buildComplianceReport(registry, [...tests, deployed("skipped")]), "v5.0.0-3.5.4")).toBe(
      "deployment",
    );
  });

  it("shows a requirement recorded as not met as not met, whatever a test says", () => {
    const report = buildComplianceReport(registry, [aTest(["@v5.0.0-7.2.4", "@v5.0.0-7.4.1", "@r357"])]);
    expect(statusOf(report, "r357")).toBe("not-met");
    expect(report.problems).toEqual([expect.stringContaining("r357 is recorded as not met, yet a test claims it")]);
  });

  it("fails the run when the registry itself is broken", () => {
    const broken: Registry = { requirements: [...registry.requirements, aRequirement("v5.0.0-7.2.4")] };
    const report = buildComplianceReport(broken, [aTest(["@v5.0.0-7.2.4", "@v5.0.0-7.4.1"])]);
    expect(report.problems).toEqual(["Registry: v5.0.0-7.2.4 is listed twice."]);
  });
});
