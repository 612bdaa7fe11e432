import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const CHECKOUT = path.resolve(import.meta.dirname, "..");

/**
 * A copy of this checkout as git sees it (tracked and new, not ignored, files) in a fresh temporary folder,
 * with node_modules hard-linked, and the generated Prisma client and the build cache copied.
 */
export function scratchCopy(prefix: string) {
  const directory = mkdtempSync(path.join(tmpdir(), `sessionproof-${prefix}-`));
  const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: CHECKOUT,
    encoding: "utf8",
  });
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    if (existsSync(path.join(CHECKOUT, file)))
      cpSync(path.join(CHECKOUT, file), path.join(directory, file), { recursive: true });
  }
  linkNodeModules(directory);
  cpSync(path.join(CHECKOUT, "lib/generated"), path.join(directory, "lib/generated"), { recursive: true });
  // Reusing the build cache makes each build incremental.
  if (existsSync(path.join(CHECKOUT, ".next/cache"))) {
    cpSync(path.join(CHECKOUT, ".next/cache"), path.join(directory, ".next/cache"), { recursive: true });
  }
  return directory;
}

/** Runs a command in a folder, with its output kept for the caller. */
export function runIn(directory: string, command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd: directory,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    ok: result.status === 0,
    output: `${result.stdout}${result.stderr}`,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/**
 * Next's compiler does not follow a node_modules symlink out of the project, so the scratch copy gets its
 * own: hard links where the file system allows them (seconds), a full copy where it does not.
 */
function linkNodeModules(directory: string) {
  const linked = spawnSync("cp", ["-al", path.join(CHECKOUT, "node_modules"), path.join(directory, "node_modules")]);
  if (linked.status !== 0)
    cpSync(path.join(CHECKOUT, "node_modules"), path.join(directory, "node_modules"), { recursive: true });
}
