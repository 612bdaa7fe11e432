// `npm run check:lock`: fails when package-lock.json no longer matches package.json, or when it lacks a
// platform's build of Next's compiler (then `npm ci` fails for everyone on that platform).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { exitOnUsageError } from "@/scripts/usage";

exitOnUsageError(process.argv.slice(2), {
  usage: "npm run check:lock",
  about:
    "Re-resolves package.json against the lock file in a scratch folder and fails if the lock file would change or misses a platform's build of Next's compiler. Takes no arguments.",
});

const NEXT_COMPILER_PLATFORMS = [
  "darwin-arm64",
  "darwin-x64",
  "linux-arm64-gnu",
  "linux-arm64-musl",
  "linux-x64-gnu",
  "linux-x64-musl",
  "win32-arm64-msvc",
  "win32-x64-msvc",
];

const problems: string[] = [];
const committed = readFileSync("package-lock.json", "utf8");
const lock = JSON.parse(committed) as { packages: Record<string, unknown> };
for (const platform of NEXT_COMPILER_PLATFORMS) {
  if (!lock.packages[`node_modules/@next/swc-${platform}`]) problems.push(`missing @next/swc-${platform}`);
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
console.log("package-lock.json matches package.json and lists every platform's build of Next's compiler.");
