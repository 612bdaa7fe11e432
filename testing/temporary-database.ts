import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

// Tests and scripts run from the repository root.
const MIGRATIONS = path.resolve("prisma", "migrations");

/** A fresh SQLite file with the checked-in migrations applied, for tests of the data layer. */
export function createMigratedDatabase(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sessionproof-")), "test.db");
  // better-sqlite3 arrives with Prisma's SQLite adapter; it applies the same SQL `migrate deploy` would.
  const Database = createRequire(require.resolve("@prisma/adapter-better-sqlite3"))("better-sqlite3");
  const database = new Database(file);
  for (const migration of readdirSync(MIGRATIONS)
    .filter((name) => /^\d+_/.test(name))
    .sort()) {
    database.exec(readFileSync(path.join(MIGRATIONS, migration, "migration.sql"), "utf8"));
  }
  database.close();
  return file;
}
