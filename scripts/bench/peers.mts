// Peers for `npm run bench -- --peers`: the same routes on another session library, kept under bench/peers/ with a
// package.json and lock file of their own. Each is installed (once, in a scratch folder outside the project, so that
// Next.js sees none of the project's files), built and served with `next start` in the same run as the app.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchServer } from "./server.mts";
import { buildNextApp, serveNextApp, stopServer, waitForServer } from "./server.mts";

export type PeerServer = BenchServer & { name: string; route: string; page: string; cookie: string };

/** Better Auth with email and password on SQLite, its cookie cache off: every request asks the database. */
export async function startBetterAuthPeer(port: number): Promise<PeerServer> {
  const directory = installPeer("better-auth");
  buildNextApp(directory);
  const databaseFile = path.join(directory, "peer.db");
  const base = `http://127.0.0.1:${port}`;
  rmSync(databaseFile, { force: true });
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_URL: base,
    PEER_DATABASE_FILE: databaseFile,
  };
  run(process.execPath, ["migrate.mjs"], directory, "creating the Better Auth peer's tables", env);
  const { child } = serveNextApp(directory, port, env);
  await waitForServer(`${base}/api/me`, child, { anyStatus: true });
  const cookie = await signUpToBetterAuth(base, "bench@example.test", "bench password 1");
  return {
    name: `Better Auth ${installedVersion(directory, "better-auth")}`,
    base,
    env,
    pid: child.pid!,
    route: "/api/me",
    page: "/",
    cookie,
    stop: () => stopServer(child),
  };
}

async function signUpToBetterAuth(base: string, email: string, password: string) {
  const response = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email, password, name: "Bench" }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.slice(0, header.indexOf(";")))
    .find((pair) => pair.startsWith("better-auth.session_token="));
  if (!cookie) throw new Error(`Signing up to the Better Auth peer did not start a session (HTTP ${response.status}).`);
  return cookie;
}

/** The peer's sources in a scratch folder, its packages installed from its own lock file once and kept. */
function installPeer(name: string) {
  const sources = path.resolve("bench", "peers", name);
  const directory = path.join(tmpdir(), "sessionproof-peers", name);
  const lockFile = path.join(sources, "package-lock.json");
  const installedLock = path.join(directory, "node_modules", ".sessionproof-lock.json");
  mkdirSync(directory, { recursive: true });
  cpSync(sources, directory, { recursive: true });
  const current = existsSync(installedLock) && readFileSync(installedLock, "utf8") === readFileSync(lockFile, "utf8");
  if (!current) {
    console.log(`  installing the ${name} peer's packages (npm ci in ${directory})...`);
    run("npm", ["ci", "--no-audit", "--no-fund"], directory, `installing the ${name} peer`);
    cpSync(lockFile, installedLock);
  }
  return directory;
}

function installedVersion(directory: string, name: string): string {
  const manifest = path.join(directory, "node_modules", name, "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

function run(command: string, args: string[], cwd: string, what: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout}${result.stderr}`);
}
