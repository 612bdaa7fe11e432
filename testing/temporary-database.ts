import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { applyPostgresMigrations, recreatePostgresDatabase } from "@/scripts/postgresql.mjs";

// Tests and scripts run from the repository root.
const MIGRATIONS = path.resolve("prisma", "migrations");

/** A fresh SQLite file with the checked-in migrations applied, for tests of the data layer. */
export function createMigratedDatabase(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sessionproof-")), "test.db");
  writeMigratedDatabase(file);
  return file;
}

/**
 * Writes the SQL `migrate deploy` would apply into a new SQLite file, in a fraction of its time, without its
 * record of what was applied: for databases that live only as long as a test run.
 */
export function writeMigratedDatabase(file: string, { writeAheadLog = false } = {}) {
  const database = new Database(file);
  if (writeAheadLog) database.pragma("journal_mode = WAL");
  for (const migration of readdirSync(MIGRATIONS)
    .filter((name) => /^\d+_/.test(name))
    .sort()) {
    database.exec(readFileSync(path.join(MIGRATIONS, migration, "migration.sql"), "utf8"));
  }
  database.close();
}

/**
 * DATABASE_URL for a fresh, migrated database for one test file: SQLite, or with TEST_DATABASE=postgresql
 * (npm run test:postgres) a database named after `name` on TEST_POSTGRES_SERVER, recreated on every run.
 */
export async function createTestDatabaseUrl(name: string): Promise<string> {
  if (process.env.TEST_DATABASE !== "postgresql") return `file:${createMigratedDatabase()}`;
  const server = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
  const url = `${server}/sessionproof_unit_${name.replace(/\W/g, "_")}`;
  await recreatePostgresDatabase(url);
  await applyPostgresMigrations(url, { log: () => {} });
  return url;
}
