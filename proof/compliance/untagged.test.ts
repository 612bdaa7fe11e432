import { describe, expect, it } from "vitest";
import type { TestRecord } from "./report";
import { checkUntaggedTests, loadUntaggedTests } from "./untagged";

const aTest = (title: string, tags: string[], file = "e2e/x.spec.ts"): TestRecord => ({
  title: `a describe block › ${title}`,
  file,
  runner: "e2e",
  tags,
  outcome: "passed",
  durationMs: 1,
});
const listed = [{ file: "e2e/x.spec.ts", title: "An accessibility scan.", why: "WCAG, outside the ASVS." }];

describe("tests that claim no requirement", () => {
  it("pass when each one is listed with a reason, and tagged tests are not", () => {
    const tests = [aTest("An accessibility scan.", []), aTest("A sign-out.", ["@v5.0.0-7.4.1", "@slow"])];
    expect(checkUntaggedTests(tests, listed)).toEqual([]);
  });

  it("fail the run for an untagged test nobody listed, a listed test that claims something, and a listed test that is gone", () => {
    expect(checkUntaggedTests([aTest("An accessibility scan.", []), aTest("A new test.", ["@slow"])], listed)).toEqual([
      expect.stringContaining('"A new test." claims no requirement and is not listed'),
    ]);
    expect(checkUntaggedTests([aTest("An accessibility scan.", ["@v5.0.0-3.4.4"])], listed)).toEqual([
      expect.stringContaining("claims a requirement, yet proof/untagged-tests.json lists it"),
    ]);
    expect(checkUntaggedTests([aTest("An accessibility scan.", [], "e2e/y.spec.ts")], listed)).toEqual([
      expect.stringContaining("claims no requirement and is not listed"),
      expect.stringContaining("which no test has"),
    ]);
  });

  it("are listed each with a reason of their own", () => {
    const entries = loadUntaggedTests();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.why.trim(), entry.title).not.toBe("");
    expect(new Set(entries.map((entry) => `${entry.file} ${entry.title}`)).size).toBe(entries.length);
  });
});
