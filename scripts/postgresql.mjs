// PostgreSQL's side of the schema. prisma/schema.prisma is the one schema; Prisma fixes the provider in the
// file, so PostgreSQL gets a copy derived from it (prisma/postgresql/schema.prisma) with a client of its own,
// and migrations of its own, written as SQL by `prisma migrate diff` and applied here with `pg`: Prisma 6.19
// cannot apply migrations through the pg adapter (docs/decisions/019-postgresql.md).
//
//   node scripts/postgresql.mjs migration NAME   after a change to prisma/schema.prisma: writes
//                                                prisma/postgresql/migrations/<time>_NAME and the copy
//   node scripts/postgresql.mjs check            fails when the copy is behind prisma/schema.prisma
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runPrisma } from "./prisma.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SCHEMA = path.join(ROOT, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(ROOT, "prisma/postgresql/schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(ROOT, "prisma/postgresql/migrations");
// Any fixed number: two instances starting at once take turns at migrating.
const MIGRATION_LOCK = 7_357_001;
const CONNECT_TIMEOUT_MS = 5_000;

const NOTICE = "// Derived from prisma/schema.prisma by scripts/postgresql.mjs: change that file, not this one.\n";

/** The PostgreSQL copy of a schema written for SQLite. */
export function derivePostgresSchema(schema) {
  const derived = schema
    .replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(/output(\s*)=(\s*)"\.\.\/lib\/generated\/prisma"/, 'output$1=$2"../../lib/generated/prisma-postgresql"');
  if (!derived.includes('"postgresql"') || !derived.includes("prisma-postgresql")) {
    throw new Error("prisma/schema.prisma no longer has the datasource or the client output this script rewrites.");
  }
  return NOTICE + derived;
}

function writeMigration(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? "")) throw new Error("Name the migration in lower case, e.g. add_session_index.");
  const next = derivePostgresSchema(readFileSync(SCHEMA, "utf8"));
  const nextFile = path.join(tmpdir(), `sessionproof-postgres-schema-${process.pid}.prisma`);
  writeFileSync(nextFile, next);
  const from = existsSync(POSTGRES_SCHEMA) ? ["--from-schema-datamodel", POSTGRES_SCHEMA] : ["--from-empty"];
  const sql = runPrisma(["migrate", "diff", ...from, "--to-schema-datamodel", nextFile, "--script"], { quiet: true });
  if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
    console.log("prisma/schema.prisma has no change PostgreSQL needs a migration for.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const directory = path.join(POSTGRES_MIGRATIONS, `${stamp}_${name}`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, "migration.sql"), sql);
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, next);
  console.log(`Wrote ${path.relative(ROOT, directory)}/migration.sql and prisma/postgresql/schema.prisma.`);
}

/** Applies the migrations this database has not had yet, each in a transaction of its own. */
export async function applyPostgresMigrations(url, { log = console.log } = {}) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_sessionproof_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query(`SELECT "name", "checksum" FROM "_sessionproof_migrations"`);
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const name of readdirSync(POSTGRES_MIGRATIONS).sort()) {
      const sql = readFileSync(path.join(POSTGRES_MIGRATIONS, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (applied.has(name)) {
        if (applied.get(name) !== checksum) throw new Error(`Migration ${name} was changed after it was applied.`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_sessionproof_migrations" ("name", "checksum") VALUES ($1, $2)`, [
          name,
          checksum,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${error.message}`);
      }
      log(`Applied migration ${name}.`);
    }
  } finally {
    await client.end(); // also releases the advisory lock
  }
}

/** Drops and creates the database the URL names: for test and benchmark databases only. */
export async function recreatePostgresDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error("Only a database named in lower-case letters, digits and _ is recreated.");
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.href, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function check() {
  const expected = derivePostgresSchema(readFileSync(SCHEMA, "utf8"));
  if (existsSync(POSTGRES_SCHEMA) && readFileSync(POSTGRES_SCHEMA, "utf8") === expected) return;
  console.error(
    "prisma/postgresql/schema.prisma is behind prisma/schema.prisma: run node scripts/postgresql.mjs migration NAME.",
  );
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, name] = process.argv.slice(2);
  try {
    if (command === "migration") writeMigration(name);
    else if (command === "check") check();
    else throw new Error("usage: node scripts/postgresql.mjs migration NAME | check");
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
