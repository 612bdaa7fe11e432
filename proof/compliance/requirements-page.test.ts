import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REQUIREMENTS_PAGE, findClaimingTests, renderRequirementsPage } from "@/proof/compliance/requirements-page";
import { loadRegistry } from "@/proof/compliance/registry";

describe("the requirements page", () => {
  it("is what the registry and the tests' tags say today (run npm run docs:requirements after changing either)", () => {
    expect(readFileSync(REQUIREMENTS_PAGE, "utf8")).toBe(renderRequirementsPage());
  });

  it("lists every requirement the registry has, and the test files that claim it", () => {
    const page = renderRequirementsPage();
    for (const { id } of loadRegistry().requirements) expect(page).toContain(`| ${id} |`);
    expect(findClaimingTests().get("v5.0.0-7.4.1")).toContain("e2e/sign-out.spec.ts");
  });
});
