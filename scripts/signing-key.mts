// `npm run signing-key -- new|rotate|retire KID`: makes and rotates the keys that sign programs' access
// tokens. Key sets go in and out as JSON on standard input and output, ready for API_SIGNING_KEYS.
import { readFileSync } from "node:fs";
import { generateSigningKey, readSigningKeys } from "@/lib/programs/signing-keys";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";

const COMMAND = {
  usage: [
    "npm run signing-key -- new                  print a key set with one new key",
    "npm run signing-key -- rotate < keys.json   print the set with a new key in front: it signs, the rest verify",
    "npm run signing-key -- retire KID < keys.json   print the set without KID (once its tokens have expired)",
  ],
  about:
    "The output holds private keys: write it straight into the server's secret store, not into the repository. " +
    "Retire an old key no sooner than 5 minutes (the access-token lifetime) after the new one started signing.",
  positionals: { min: 1, max: 2 },
} satisfies CommandDescription;

const { positionals } = parseCommandLine(process.argv.slice(2), COMMAND);
const [command, kid] = positionals as [string, string | undefined];
if (!["new", "rotate", "retire"].includes(command)) exitWithUsage(COMMAND, `Unknown command "${command}".`);
if ((command === "retire") !== (kid !== undefined)) {
  exitWithUsage(
    COMMAND,
    command === "retire" ? "retire needs the kid of the key to drop." : `${command} takes no kid.`,
  );
}

function readKeySetFromInput(): { keys: { kid: string }[] } {
  const text = readFileSync(0, "utf8");
  try {
    // The same checks the server makes at start, so a broken set is caught here rather than there.
    readSigningKeys({ API_SIGNING_KEYS: text } as unknown as NodeJS.ProcessEnv);
    return JSON.parse(text);
  } catch (error) {
    console.error(`The key set on standard input is not usable: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

if (command === "new") {
  console.log(JSON.stringify({ keys: [generateSigningKey()] }));
} else if (command === "rotate") {
  const current = readKeySetFromInput();
  console.log(JSON.stringify({ keys: [generateSigningKey(), ...current.keys] }));
} else {
  const current = readKeySetFromInput();
  const kept = current.keys.filter((key) => key.kid !== kid);
  if (kept.length === current.keys.length) {
    console.error(`No key in the set has the kid "${kid}".`);
    process.exit(1);
  }
  if (kept.length === 0) {
    console.error("That is the only key: rotate first, then retire it.");
    process.exit(1);
  }
  console.log(JSON.stringify({ keys: kept }));
}
