// `npm run docs:decisions`: rewrites docs/decisions/README.md from the decision records.
import { writeFileSync } from "node:fs";
import { DECISIONS_FOLDER, renderDecisionsIndex } from "@/scripts/decisions-index";
import { parseCommandLine } from "@/scripts/usage";

parseCommandLine(process.argv.slice(2), {
  usage: "npm run docs:decisions",
  about: `Rewrites ${DECISIONS_FOLDER}/README.md from the decision records' titles and status lines. Takes no arguments.`,
});
writeFileSync(`${DECISIONS_FOLDER}/README.md`, renderDecisionsIndex());
console.log(`Updated ${DECISIONS_FOLDER}/README.md.`);
