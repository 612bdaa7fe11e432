import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrlFor, resolveDatabaseFile } from "@/lib/database-url";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForDb = globalThis as { sessionproofDb?: PrismaClient };

function createClient() {
  // Waits up to 5 s for a write lock instead of failing at once when requests overlap.
  const adapter = new PrismaBetterSQLite3({ url: databaseUrlFor(resolveDatabaseFile()), timeout: 5000 });
  return new PrismaClient({ adapter });
}

export const db = (globalForDb.sessionproofDb ??= createClient());
