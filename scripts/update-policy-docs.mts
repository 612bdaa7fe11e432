// `npm run docs:policy`: rewrites the generated policy table in docs/session-policy.md.
import { readFileSync, writeFileSync } from "node:fs";
import { withCurrentPolicyTable } from "@/lib/session-policy-table";

const file = "docs/session-policy.md";
writeFileSync(file, withCurrentPolicyTable(readFileSync(file, "utf8")));
console.log(`Updated the policy table in ${file}.`);
