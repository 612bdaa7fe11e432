import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrlFor, type DatabaseTarget } from "@/lib/platform/database-url.mjs";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { generateSigningKey } from "@/lib/programs/signing-keys";
import { applyPostgresMigrations, recreatePostgresDatabase } from "./postgresql.mjs";
import { runPrisma } from "./prisma.mjs";

const DEMO_SECRET_FILE = ".data/demo-session-secrets.json";
const DEMO_SIGNING_KEYS_FILE = ".data/demo-api-signing-keys.json";
const SOURCES = ["app", "lib", "prisma", "instrumentation.ts", "next.config.mjs", "package.json", "tsconfig.json"];

/** The demo's sealing secret: generated once, kept in a git-ignored file readable only by its owner. */
export function loadOrCreateDemoSecrets(): string {
  return loadOrCreateDemoFile(DEMO_SECRET_FILE, "session secret", () => ({ 1: randomBytes(32).toString("base64url") }));
}

/** The demo's sealing secret if the demo has made one, for tools that work on the demo's database. */
export function readDemoSecrets(): string | null {
  return existsSync(DEMO_SECRET_FILE) ? readFileSync(DEMO_SECRET_FILE, "utf8").trim() : null;
}

/** The demo's key for signing programs' access tokens, kept the same way as its sealing secret. */
export function loadOrCreateDemoSigningKeys(): string {
  return loadOrCreateDemoFile(DEMO_SIGNING_KEYS_FILE, "API signing key", () => ({ keys: [generateSigningKey()] }));
}

function loadOrCreateDemoFile(file: string, what: string, generate: () => object): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(generate()), { mode: 0o600 });
    console.log(`Generated a random ${what} for the demo in ${file} (git-ignored).`);
  }
  return readFileSync(file, "utf8").trim();
}

/** Creates the database if needed and applies the checked-in migrations; `fresh` starts from an empty one. */
export async function prepareDatabase(target: DatabaseTarget, { fresh = false } = {}) {
  if (target.kind === "postgresql") {
    if (fresh) await recreatePostgresDatabase(target.url);
    await applyPostgresMigrations(target.url, { log: () => {} });
    return;
  }
  const databaseFile = target.file;
  if (fresh) removeSqliteDatabase(databaseFile);
  mkdirSync(path.dirname(databaseFile), { recursive: true });
  runPrisma(["migrate", "deploy"], { quiet: true, env: { DATABASE_URL: databaseUrlFor(databaseFile) } });
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrlFor(databaseFile) }) });
  // Write-ahead logging lets readers carry on while a request writes; the setting stays in the file.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$disconnect();
}

/** Deletes an SQLite database file with its write-ahead log, shared-memory index and rollback journal. */
export function removeSqliteDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

export function buildIfStale() {
  const buildId = ".next/BUILD_ID";
  if (existsSync(buildId) && newestModification(SOURCES) <= statSync(buildId).mtimeMs) return;
  console.log("Building the app (first run, or the sources changed)...");
  runNextSync(["build"]);
}

/** Runs the app's server (server.mjs) in the foreground, optionally copying its output to a log file. */
export function startNext(mode: "start" | "dev", port: string, env: NodeJS.ProcessEnv, logFile?: string) {
  const child = spawn(process.execPath, ["server.mjs", ...(mode === "dev" ? ["--dev"] : [])], {
    env: { ...env, PORT: port },
    stdio: logFile ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: "a" });
    child.stdout?.on("data", (chunk) => (log.write(chunk), process.stdout.write(chunk)));
    child.stderr?.on("data", (chunk) => (log.write(chunk), process.stderr.write(chunk)));
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 1));
}

function runNextSync(args: string[]) {
  const { status } = spawnSync(process.execPath, [nextBin(), ...args], { stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}

function nextBin() {
  return createRequire(import.meta.url).resolve("next/dist/bin/next");
}

function newestModification(paths: string[]): number {
  let newest = 0;
  for (const entry of paths) {
    if (!existsSync(entry)) continue;
    const stats = statSync(entry);
    newest = Math.max(
      newest,
      stats.isDirectory()
        ? newestModification(readdirSync(entry).map((name) => path.join(entry, name)))
        : stats.mtimeMs,
    );
  }
  return newest;
}
