// `npm run docs:requirements`: rewrites docs/requirements.md from the registry and the tests' tags.
import { writeFileSync } from "node:fs";
import { REQUIREMENTS_PAGE, renderRequirementsPage } from "@/proof/compliance/requirements-page";
import { parseCommandLine } from "@/scripts/usage";

parseCommandLine(process.argv.slice(2), {
  usage: "npm run docs:requirements",
  about: `Rewrites ${REQUIREMENTS_PAGE} from proof/registry.json and the requirement tags of the tests. Takes no arguments.`,
});
writeFileSync(REQUIREMENTS_PAGE, renderRequirementsPage());
console.log(`Updated ${REQUIREMENTS_PAGE}.`);
