// `npm run check:lock`: fails when package-lock.json no longer matches package.json, or when it lacks a
// platform's build of a native package (then `npm ci` fails for everyone on that platform).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseCommandLine } from "@/scripts/usage";

parseCommandLine(process.argv.slice(2), {
  usage: "npm run check:lock",
  about:
    "Re-resolves package.json against the lock file in a scratch folder and fails if the lock file would change or misses a platform's build of a native package. Takes no arguments.",
});

type LockEntry = { optionalDependencies?: Record<string, string> };

/** Where Node would find `name` from the package at `from`: its own node_modules, then each parent's. */
function isLocked(packages: Record<string, LockEntry>, from: string, name: string): boolean {
  for (let directory = from; ;) {
    if (packages[`${directory ? `${directory}/` : ""}node_modules/${name}`]) return true;
    if (!directory) return false;
    const parent = directory.lastIndexOf("/node_modules/");
    directory = parent < 0 ? "" : directory.slice(0, parent);
  }
}

const problems: string[] = [];
const committed = readFileSync("package-lock.json", "utf8");
const { packages } = JSON.parse(committed) as { packages: Record<string, LockEntry> };
// Every platform's build of a native package (Next's compiler, ESLint's resolver) must be listed, or
// `npm ci` refuses the lock file on the platforms whose build is missing.
for (const [location, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!isLocked(packages, location, name)) problems.push(`${location || "the project"} lacks its optional ${name}`);
  }
}

const scratch = mkdtempSync(path.join(tmpdir(), "lock-check-"));
try {
  for (const file of ["package.json", "package-lock.json"]) copyFileSync(file, path.join(scratch, file));
  execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: scratch,
    stdio: "ignore",
  });
  if (readFileSync(path.join(scratch, "package-lock.json"), "utf8") !== committed) {
    problems.push("package-lock.json is out of step with package.json: run npm install and commit the lock file");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`The lock file needs attention:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}
console.log("package-lock.json matches package.json and lists every platform's build of its native packages.");
