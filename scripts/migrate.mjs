// `npm run db:migrate`: applies the checked-in migrations to the database DATABASE_URL names. SQLite through
// `prisma migrate deploy`; PostgreSQL through scripts/postgresql.mjs. Safe to run on every deploy.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { readDatabaseTarget } from "../lib/platform/database-url.mjs";
import { applyPostgresMigrations } from "./postgresql.mjs";
import { runPrisma } from "./prisma.mjs";

try {
  const target = readDatabaseTarget();
  if (target.kind === "postgresql") {
    await applyPostgresMigrations(target.url);
  } else {
    mkdirSync(path.dirname(target.file), { recursive: true });
    runPrisma(["migrate", "deploy"]);
  }
  console.log("The database is up to date.");
} catch (error) {
  // A connection error names the host and port at most, never the password.
  console.error(`Could not migrate the database: ${error.message}`);
  process.exit(1);
}
