// Plain JavaScript so that `npm run db:migrate` (scripts/migrate.mjs) reads DATABASE_URL exactly as the app
// does, without a TypeScript step in production.
import { createHash } from "node:crypto";
import path from "node:path";

// The embedded default: one SQLite file inside the checkout, git-ignored.
export const DEFAULT_DATABASE_FILE = ".data/sessionproof.db";

/**
 * `DATABASE_URL` read: unset means the default SQLite file; a `file:` URL names another one (a relative path
 * is taken from the directory the server is started in); `postgresql://` or `postgres://` means PostgreSQL.
 * Errors never repeat the URL, which may hold a password.
 */
export function readDatabaseTarget(env = process.env) {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: "sqlite", file: path.resolve(DEFAULT_DATABASE_FILE) };
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!URL.canParse(url)) throw new Error("DATABASE_URL is not a valid postgresql:// URL.");
    return { kind: "postgresql", url };
  }
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (got a "${url.split(":")[0]}:" URL).`,
    );
  }
  const filePath = url
    .slice("file:".length)
    .replace(/^\/\/(?=\/)/, "")
    .split("?")[0];
  if (!filePath) throw new Error("DATABASE_URL names no file (expected e.g. file:./data/app.db).");
  return { kind: "sqlite", file: path.resolve(filePath) };
}

/** The SQLite file in use; throws when the app is configured for PostgreSQL. */
export function resolveDatabaseFile(env = process.env) {
  const target = readDatabaseTarget(env);
  if (target.kind !== "sqlite") throw new Error("DATABASE_URL names a PostgreSQL database, not an SQLite file.");
  return target.file;
}

export function databaseUrlFor(file) {
  return `file:${file}`;
}

/**
 * Where sign-outs the database could not take are kept until it can (lib/session/pending-revocations.ts): beside
 * the SQLite file, or for PostgreSQL in the default data directory, named by a hash of the URL.
 */
export function pendingSignOutsFile(target) {
  if (target.kind === "sqlite") return `${target.file}.pending-sign-outs`;
  const name = createHash("sha256").update(target.url).digest("hex").slice(0, 16);
  return path.resolve(path.dirname(DEFAULT_DATABASE_FILE), `postgresql-${name}.pending-sign-outs`);
}
