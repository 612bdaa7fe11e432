// A production server of the benchmark's own: fresh database, fresh secrets, one trusted proxy so that load
// clients can each claim an address of their own (as many machines would be).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { DatabaseTarget } from "@/lib/platform/database-url.mjs";
import { generateSigningKey } from "@/lib/programs/signing-keys";
import { prepareDatabase } from "@/scripts/server-setup.mts";

export type BenchServer = { base: string; env: NodeJS.ProcessEnv; pid: number; stop: () => Promise<void> };

export function databaseUrlOf(target: DatabaseTarget) {
  return target.kind === "sqlite" ? `file:${target.file}` : target.url;
}

export async function startBenchServer(
  target: DatabaseTarget,
  port: number,
  {
    extraEnv = {},
    profile = false,
    directory = process.cwd(),
  }: { extraEnv?: Record<string, string>; profile?: boolean; directory?: string } = {},
): Promise<BenchServer> {
  await prepareDatabase(target, { fresh: true });
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    PUBLIC_ORIGIN: base,
    DATABASE_URL: databaseUrlOf(target),
    SESSION_SECRETS: JSON.stringify({ 1: randomBytes(32).toString("base64url") }),
    API_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    TRUSTED_PROXY_COUNT: "1",
    ...extraEnv,
  };
  const args = [...(profile ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "server.mjs"];
  // Another checkout's build (npm run bench:builds) runs from its own directory, on a database prepared from this one's.
  const child = spawn(process.execPath, args, { env, stdio: "ignore", cwd: directory });
  process.on("exit", () => child.kill());
  await waitForServer(`${base}/login`, child);
  return { base, env, pid: child.pid!, stop: () => stopServer(child) };
}

/** Waits until `url` answers 2xx (or anything at all, with `anyStatus`). */
export async function waitForServer(url: string, child: ChildProcess, { anyStatus = false } = {}) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped at start (exit code ${child.exitCode}).`);
    const ready = await fetch(url).then(
      (response) => anyStatus || response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer ${url} within a minute.`);
}

export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

// Apps other than this one (the framework floor, the peers) are built and served as Next.js ships them.
const NEXT_CLI = path.join("node_modules", "next", "dist", "bin", "next");

/** `next build` in `directory`; throws with the build's output when it fails. */
export function buildNextApp(directory: string, env: NodeJS.ProcessEnv = process.env) {
  const build = spawnSync(process.execPath, [NEXT_CLI, "build"], { cwd: directory, env, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`Building ${directory} failed:\n${build.stdout}${build.stderr}`);
}

/** `next start` in `directory` on 127.0.0.1; `profile` writes its CPU profile to /tmp/prof when it stops. */
export function serveNextApp(directory: string, port: number, env: NodeJS.ProcessEnv, { profile = false } = {}) {
  const profiling = profile ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [];
  const start = [NEXT_CLI, "start", "--port", String(port), "--hostname", "127.0.0.1"];
  const child = spawn(process.execPath, [...profiling, ...start], { cwd: directory, env, stdio: "ignore" });
  process.on("exit", () => child.kill());
  return { child, base: `http://127.0.0.1:${port}` };
}
