// `npm run proof:check-strip`: proves that a clone which drops the proof still builds and passes its own
// tests. Strips a scratch copy of this checkout (proof/strip.mts), then type-checks it, builds it, and runs its
// unit and end-to-end tests on PostgreSQL (`npm run test:postgres`) there: the template's whole suite on the
// second database, in the same run that shows it needs no proof. Its unit tests are not run on SQLite here as
// well: stripping removes only proof files, which no template file imports, and npm test has just run them.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { runIn, scratchCopy } from "./scratch-copy";
import { stripProof } from "./strip.mts";
import { parseCommandLine } from "@/scripts/usage";

parseCommandLine(process.argv.slice(2), {
  usage: "npm run proof:check-strip",
  about:
    "Strips the proof from a scratch copy of this checkout, then type-checks and builds it there, and runs its unit and e2e tests on PostgreSQL (npm run test:postgres). Takes no arguments.",
});

const FULL_OUTPUT = "test-results/check-strip-failure.log";
const directory = scratchCopy("template");
stripProof(directory);
let failed = false;
for (const [step, command, args] of [
  ["type check", "npx", ["tsc", "--noEmit"]],
  [
    "no file refers to the proof",
    "git",
    [
      "grep",
      "--no-index",
      "-l",
      "-E",
      'from "[./@]*/?proof/|proof/reporters',
      "--",
      "app",
      "lib",
      "e2e",
      "scripts",
      "testing",
    ],
  ],
  ["build", "npx", ["next", "build"]],
  ["unit and end-to-end tests on PostgreSQL", "npm", ["run", "test:postgres"]],
] as const) {
  const result = runIn(directory, command, [...args], { CI: "1" });
  // git grep finds nothing (exit 1) when no file mentions the proof, which is what we want.
  const ok = step === "no file refers to the proof" ? !result.ok : result.ok;
  console.log(`${ok ? "✓" : "✗"} template without the proof: ${step}`);
  if (!ok) {
    // The whole output goes to a file: the reason for a failure can sit far above its last lines.
    mkdirSync("test-results", { recursive: true });
    writeFileSync(FULL_OUTPUT, result.output);
    // A test runner reports its failures on stdout; a server it started writes to stderr at the same time.
    const tail = (text: string) => text.split("\n").slice(-40).join("\n");
    console.log(`${tail(result.stdout)}\n--- stderr, last lines ---\n${tail(result.stderr)}`);
    console.log(`(whole output: ${FULL_OUTPUT})`);
    failed = true;
    break;
  }
}
rmSync(directory, { recursive: true, force: true });
console.log(failed ? "check-strip: 0 passed, 1 failed" : "check-strip: 1 passed, 0 failed");
process.exit(failed ? 1 : 0);
