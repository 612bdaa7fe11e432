// `npm run proof:mutants [-- --only ID[,ID…]] [--keep]`: would the tests notice if a requirement broke?
// Applies each deliberate breakage in proof/mutants/mutants.json to a scratch copy of this checkout, builds
// it, runs the e2e and unit tests tagged with the requirements it breaks, and says whether they caught it.
// Exits 1 when any mutant survives, 2 on wrong usage or when a mutant no longer applies to the code.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadRegistry } from "@/proof/compliance/registry";
import { runIn, scratchCopy } from "@/proof/scratch-copy";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";

type Edit = { file: string; find: string; replace: string };
// A mutant with `"database": "postgresql"` breaks something only PostgreSQL shows (SQLite runs one write at a
// time), so its tests run on the machine's PostgreSQL, as `npm run test:postgres` runs them.
type Mutant = { id: string; breaks: string[]; edits: Edit[]; database?: "postgresql" };

const COMMAND = {
  usage: "npm run proof:mutants [-- --only ID[,ID...]] [--keep]",
  about: `Applies every mutant in proof/mutants/mutants.json to a scratch copy, builds it, runs the tests tagged
with the requirements it breaks, and prints caught or survived for each. Takes about a minute a mutant.
  --only ID[,ID...]  run only these mutants
  --keep             keep the scratch copies (their paths are printed)`,
  options: { only: { type: "string" }, keep: { type: "boolean" } },
} satisfies CommandDescription;

const { values: options } = parseCommandLine(process.argv.slice(2), COMMAND);

const { mutants } = JSON.parse(readFileSync(path.join(import.meta.dirname, "mutants.json"), "utf8")) as {
  mutants: Mutant[];
};
const chosen = options.only ? options.only.split(",") : mutants.map((mutant) => mutant.id);
const unknown = chosen.filter((id) => !mutants.some((mutant) => mutant.id === id));
if (unknown.length > 0) {
  exitWithUsage(COMMAND, `No such mutant: ${unknown.join(", ")}`);
}
const known = new Set(loadRegistry().requirements.map((requirement) => requirement.id));
const misnamed = mutants.flatMap((mutant) =>
  mutant.breaks.filter((id) => !known.has(id)).map((id) => `${mutant.id}: ${id}`),
);
if (misnamed.length > 0) {
  console.error(`Mutants name requirements the registry does not know: ${misnamed.join("; ")}`);
  process.exit(2);
}

function applyEdits(directory: string, mutant: Mutant) {
  for (const edit of mutant.edits) {
    const file = path.join(directory, edit.file);
    const source = readFileSync(file, "utf8");
    const occurrences = source.split(edit.find).length - 1;
    if (occurrences !== 1) {
      console.error(
        `Mutant ${mutant.id} no longer applies: "${edit.find.trim()}" occurs ${occurrences} times in ${edit.file}.`,
      );
      process.exit(2);
    }
    writeFileSync(
      file,
      source.replace(edit.find, () => edit.replace),
    );
  }
}

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Caught when a test tagged with one of the broken requirements fails; survived when all of them pass. */
function tryMutant(mutant: Mutant) {
  const directory = scratchCopy("mutant");
  try {
    applyEdits(directory, mutant);
    const build = runIn(directory, "npx", ["next", "build"]);
    // A mutant that does not build proves nothing about the tests: it must be mended.
    if (!build.ok) return { verdict: "the mutant does not build; mend it", directory, failed: true };
    const grep = `(${mutant.breaks.map((id) => `@${escapeForRegExp(id)}`).join("|")})(?![\\d.])`;
    const database: Record<string, string> = mutant.database === "postgresql" ? { TEST_DATABASE: "postgresql" } : {};
    const e2e = runIn(directory, "npx", ["playwright", "test", "--grep", grep, "--reporter=line"], {
      CI: "1",
      ...database,
    });
    const unit = runIn(
      directory,
      "npx",
      ["vitest", "run", "--tags-filter", mutant.breaks.map((id) => `@${id}`).join(" || ")],
      database,
    );
    const e2eRanNone = /No tests found/.test(e2e.output);
    const unitRanNone = unit.ok && !/Tests\s.*\d+ passed/.test(unit.output.replace(/\x1b\[[0-9;]*m/g, ""));
    if (e2eRanNone && unitRanNone) return { verdict: "no test claims these requirements", directory, failed: true };
    // Caught means a test failed; a run that broke down before any test failed (a server that would not
    // start) proves nothing either way.
    const testsFailed = (output: string) => /\b[1-9]\d* failed\b/.test(output.replace(/\x1b\[[0-9;]*m/g, ""));
    const brokeDown = (!e2e.ok && !testsFailed(e2e.output)) || (!unit.ok && !testsFailed(unit.output));
    if (brokeDown) return { verdict: `the tests could not run:\n${e2e.output.slice(-2000)}`, directory, failed: true };
    const caughtBy = [!e2e.ok && "e2e", !unit.ok && "unit"].filter(Boolean);
    return caughtBy.length > 0
      ? { verdict: `caught (${caughtBy.join(" and ")} tests failed)`, directory }
      : { verdict: "SURVIVED", directory, failed: true };
  } finally {
    if (!options.keep) rmSync(directory, { recursive: true, force: true });
  }
}

let survivors = 0;
for (const mutant of mutants.filter((candidate) => chosen.includes(candidate.id))) {
  const started = Date.now();
  const result = tryMutant(mutant);
  if (result.failed) survivors++;
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `${result.failed ? "✗" : "✓"} ${mutant.id} (breaks ${mutant.breaks.join(", ")}${mutant.database ? ", on PostgreSQL" : ""}): ${result.verdict}, ${seconds} s${options.keep ? `, kept in ${result.directory}` : ""}`,
  );
}
console.log(
  survivors === 0
    ? `mutants: every one of ${chosen.length} was caught`
    : `mutants: ${survivors} of ${chosen.length} survived`,
);
process.exit(survivors === 0 ? 0 : 1);
