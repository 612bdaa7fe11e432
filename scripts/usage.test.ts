import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Every npm command that takes arguments answers --help, and refuses a wrong one with its usage and exit
// status 2, never a stack trace. Nothing runs: both answers come before any work starts.
const COMMANDS_WITH_ARGUMENTS = [
  "admin",
  "demo",
  "dev",
  "benchmark",
  "benchmark:flood",
  "bench",
  "bench:builds",
  "sessions:prune",
  "test:postgres",
  "api-client",
  "signing-key",
  "docs:policy",
  "check:lock",
  "analyze-tokens",
  "proof:mutants",
  "proof:strip",
  "proof:check-strip",
];
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
// A clone without the proof has no proof:* commands.
const present = COMMANDS_WITH_ARGUMENTS.filter((name) => name in scripts);

function run(name: string, ...args: string[]) {
  const result = spawnSync("npm", ["run", "--silent", name, "--", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the command-line tools", () => {
  it.concurrent.each(present)("npm run %s -- --help prints the usage and exits 0", (name) => {
    const { status, output } = run(name, "--help");
    expect(output).toMatch(/^usage: npm run /m);
    expect(status).toBe(0);
  });

  it.concurrent.each(present)("npm run %s with a wrong flag prints the usage and exits 2", (name) => {
    const { status, output } = run(name, "--no-such-flag");
    expect(output).toMatch(/^usage: npm run /m);
    expect(output).not.toMatch(/^\s+at /m);
    expect(status).toBe(2);
  });
});
