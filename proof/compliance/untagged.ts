import untaggedFile from "@/proof/untagged-tests.json";
import { requirementIdsInTags } from "./registry";
import type { TestRecord } from "./report";

/** An e2e test that claims no requirement, and why (proof/untagged-tests.json). */
export type UntaggedTest = { file: string; title: string; why: string };

export function loadUntaggedTests(): UntaggedTest[] {
  return (untaggedFile as { tests: UntaggedTest[] }).tests;
}

/**
 * Every e2e test claims a requirement or is listed with why it claims none: what breaks that rule, given every
 * e2e test of a full run. A record's title is its describe blocks and its own title, joined with " › ".
 */
export function checkUntaggedTests(tests: TestRecord[], listed: UntaggedTest[] = loadUntaggedTests()): string[] {
  const e2e = tests.filter((test) => test.runner === "e2e");
  const ownTitle = (test: TestRecord) => test.title.split(" › ").at(-1)!;
  const isListed = (test: TestRecord) =>
    listed.some((entry) => entry.file === test.file && entry.title === ownTitle(test));
  const problems: string[] = [];
  for (const test of e2e) {
    const claims = requirementIdsInTags(test.tags).length > 0;
    if (!claims && !isListed(test))
      problems.push(
        `${test.file}: "${ownTitle(test)}" claims no requirement and is not listed in proof/untagged-tests.json.`,
      );
    if (claims && isListed(test))
      problems.push(`${test.file}: "${ownTitle(test)}" claims a requirement, yet proof/untagged-tests.json lists it.`);
  }
  for (const entry of listed) {
    if (!entry.why.trim()) problems.push(`proof/untagged-tests.json gives no reason for "${entry.title}".`);
    if (!e2e.some((test) => test.file === entry.file && ownTitle(test) === entry.title)) {
      problems.push(`proof/untagged-tests.json lists "${entry.title}" in ${entry.file}, which no test has.`);
    }
  }
  return problems;
}
