import { readFileSync } from "node:fs";
import { listProjectFiles } from "@/testing/import-graph";
import { STANDARDS, loadRegistry, type Registry, type Requirement } from "@/proof/compliance/registry";

// docs/requirements.md: every requirement of the registry with where it is implemented and which test files claim
// it, generated so that it cannot drift from the registry or the tests (npm run docs:requirements).

export const REQUIREMENTS_PAGE = "docs/requirements.md";
const TEST_FOLDERS = ["e2e", "lib", "proof", "scripts", "app"];
const TEST_FILE = /\.(spec|test)\.tsx?$/;

const HOW_MET: Record<Requirement["evidence"], string> = {
  test: "tests",
  design: "documented",
  deployment: "deployment",
  "not-applicable": "not applicable",
};

/** The test files whose tags name each requirement, by requirement ID. */
export function findClaimingTests(
  files = TEST_FOLDERS.flatMap((folder) => listProjectFiles(folder, TEST_FILE)),
): Map<string, string[]> {
  const claims = new Map<string, string[]>();
  for (const file of files.sort()) {
    for (const [, id] of readFileSync(file, "utf8").matchAll(/["']@((?:v\d\.\d\.\d-[\d.]*\d)|r\d+)["']/g)) {
      const files = claims.get(id!) ?? [];
      if (!files.includes(file)) claims.set(id!, [...files, file]);
    }
  }
  return claims;
}

const code = (items: string[]) => items.map((item) => `\`${item}\``).join(", ");
const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("_", "\\_").replaceAll("\n", " ");

export function renderRequirementsPage(registry: Registry = loadRegistry(), claims = findClaimingTests()): string {
  const sections = STANDARDS.map((standard) => {
    const rows = registry.requirements
      .filter((requirement) => requirement.version === standard)
      .map((requirement) => {
        const how = requirement.notMet ? "**not met**" : HOW_MET[requirement.evidence];
        const why = requirement.notMet ?? requirement.reason;
        const tests = claims.get(requirement.id) ?? [];
        return `| ${requirement.id} | ${requirement.level ?? ""} | ${cell(requirement.summary)}${why ? ` _${cell(why)}_` : ""} | ${how} | ${code(requirement.implementedIn)} | ${code(tests)} |`;
      });
    return [
      `## ${standard}`,
      "",
      "| ID | Level | What it asks, in our words | How it is met | Implemented in | Claimed by |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  });
  return `# Where each requirement lives

<!-- Generated from proof/registry.json and the tests' tags by \`npm run docs:requirements\`; do not edit. -->

Every requirement the app answers for, from [the registry](../proof/registry.json): where it is implemented, and
the test files whose tags claim it (a claim means the test fails if the requirement breaks). Whether those tests
passed is the compliance report's business (\`reports/compliance.html\` after \`npm run e2e\`, and \`/compliance\`
in the demo); run one requirement's tests with \`npx playwright test --grep @v5.0.0-7.4.1\`.

${sections.join("\n\n")}
`;
}
