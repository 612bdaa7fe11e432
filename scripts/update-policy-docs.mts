// `npm run docs:policy`: rewrites the generated policy table in docs/session-policy.md.
import { readFileSync, writeFileSync } from "node:fs";
import { parseCommandLine } from "@/scripts/usage";
import { withCurrentPolicyTable } from "@/scripts/session-policy-table";

parseCommandLine(process.argv.slice(2), {
  usage: "npm run docs:policy",
  about:
    "Rewrites the policy table in docs/session-policy.md from the wings' policies (lib/session, lib/sign-in, lib/programs). Takes no arguments.",
});
const file = "docs/session-policy.md";
writeFileSync(file, withCurrentPolicyTable(readFileSync(file, "utf8")));
console.log(`Updated the policy table in ${file}.`);
