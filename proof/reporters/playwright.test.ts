import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ComplianceReport } from "@/proof/compliance/report";

// Runs Playwright on a fixture suite (proof/reporters/fixture/) with the real compliance reporter, and reads
// what it decided: the reporter is fed skipped, fixme, expected-failure, flaky and partial runs.
const output = mkdtempSync(path.join(tmpdir(), "sessionproof-reporter-"));
afterAll(() => rmSync(output, { recursive: true, force: true }));

function runFixtureSuite(...filters: string[]) {
  rmSync(path.join(output, "compliance.json"), { force: true });
  const result = spawnSync(
    process.execPath,
    [
      path.resolve("node_modules/@playwright/test/cli.js"),
      "test",
      "--config",
      "proof/reporters/fixture/playwright.config.ts",
      ...filters,
    ],
    { encoding: "utf8", env: { ...process.env, REPORTER_FIXTURE_OUTPUT: output, CI: "" } },
  );
  const reportFile = path.join(output, "compliance.json");
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, "utf8")) as ComplianceReport) : null;
  return { exitCode: result.status, output: `${result.stdout}${result.stderr}`, report };
}

const statusOf = (report: ComplianceReport | null, id: string) => report?.requirements.find((r) => r.id === id)?.status;

describe("the Playwright compliance reporter", () => {
  const full = runFixtureSuite();

  it("proves only what passed as expected on its first attempt", () => {
    expect(full.report?.complete).toBe(true);
    expect(statusOf(full.report, "v5.0.0-7.2.4")).toBe("proven");
  });

  it.each([
    ["a skipped test", "v5.0.0-7.4.1", "not-proven"],
    ["a fixme test", "v5.0.0-7.4.2", "not-proven"],
    ["an expected failure", "v3.0.1-3.2", "failing"],
    ["a pass on retry", "v3.0.1-3.3", "failing"],
    ["a skipped test beside a passing one", "v3.0.1-3.4", "not-proven"],
  ])("counts %s against its requirement", (_what, id, status) => {
    expect(statusOf(full.report, id)).toBe(status);
  });

  it("fails the run, and records where the report came from", () => {
    expect(full.exitCode).not.toBe(0);
    expect(full.report?.problems.join("\n")).toContain("v3.0.1-3.3: flaky");
    expect(full.report?.run).toMatchObject({
      registryHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      tools: { node: process.versions.node },
    });
  });

  it.each([
    ["--grep-invert", "@v3.0.1-3.3"],
    ["--grep", "@v5.0.0-7.2.4"],
    ["--shard", "2/2"],
  ])("never lets a %s run replace the report", (...filters) => {
    const partial = runFixtureSuite(...filters);
    expect(partial.output).toContain("Partial run");
    expect(partial.report).toBeNull();
  });
});
