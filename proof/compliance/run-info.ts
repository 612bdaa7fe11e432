import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { registryHash } from "./registry";

/** What a report was made from, so that a reader can tell whether it still speaks for the code. */
export type RunInfo = {
  commit: string | null;
  /** Uncommitted changes (tracked or new files) were present. */
  dirty: boolean;
  /** A hash of the commit plus every uncommitted change: equal fingerprints mean the same source. */
  sourceFingerprint: string;
  registryHash: string;
  tools: Record<string, string>;
  finishedAt: string;
};

const git = (...args: string[]) =>
  execFileSync("git", args, { encoding: "buffer", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 });

/** The commit and working-tree state, read from git; outside a git checkout both are unknown. */
export function readSourceState() {
  try {
    const commit = git("rev-parse", "HEAD").toString().trim();
    const hash = createHash("sha256")
      .update(commit)
      .update(git("diff", "HEAD", "--binary"));
    const untracked = git("ls-files", "--others", "--exclude-standard", "-z").toString().split("\0").filter(Boolean);
    for (const file of untracked.sort()) hash.update(file).update(readFileOrEmpty(file));
    const dirty = git("status", "--porcelain").length > 0;
    return { commit, dirty, sourceFingerprint: hash.digest("hex").slice(0, 16) };
  } catch {
    return { commit: null, dirty: true, sourceFingerprint: "unknown" };
  }
}

function readFileOrEmpty(file: string) {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

function packageVersion(name: string) {
  try {
    return (JSON.parse(readFileSync(path.resolve("node_modules", name, "package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "not installed";
  }
}

export function readRunInfo(): RunInfo {
  return {
    ...readSourceState(),
    registryHash: registryHash(),
    tools: {
      node: process.versions.node,
      "@playwright/test": packageVersion("@playwright/test"),
      vitest: packageVersion("vitest"),
      next: packageVersion("next"),
    },
    finishedAt: new Date().toISOString(),
  };
}
