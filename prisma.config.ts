import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseUrlFor, readDatabaseTarget } from "./lib/platform/database-url.mjs";

// The Prisma CLI generates both clients and writes migrations (scripts/prisma.mjs); it applies migrations to
// SQLite only. PostgreSQL's are applied by scripts/postgresql.mjs (docs/decisions/019-postgresql.md).
const database = readDatabaseTarget();
// The schema's datasource reads DATABASE_URL; give it the resolved default when unset.
process.env.DATABASE_URL = database.kind === "sqlite" ? databaseUrlFor(database.file) : database.url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    if (database.kind === "postgresql") return new PrismaPg({ connectionString: database.url });
    mkdirSync(path.dirname(database.file), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseUrlFor(database.file) });
  },
});
