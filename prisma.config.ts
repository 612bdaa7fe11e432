import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrlFor, resolveDatabaseFile } from "./lib/database-url";

const databaseFile = resolveDatabaseFile();
// The schema's datasource reads DATABASE_URL; give it the resolved default when unset.
process.env.DATABASE_URL = databaseUrlFor(databaseFile);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    mkdirSync(path.dirname(databaseFile), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseUrlFor(databaseFile) });
  },
});
