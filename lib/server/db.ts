import "server-only";
import { databaseUrlFor, resolveDatabaseFile } from "@/lib/database-url";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createSqliteAdapter } from "./sqlite-adapter";

const globalForDb = globalThis as { sessionproofDb?: PrismaClient };

function createClient() {
  // Waits up to 5 s for a write lock instead of failing at once when requests overlap.
  const adapter = createSqliteAdapter(databaseUrlFor(resolveDatabaseFile()), 5000);
  return new PrismaClient({ adapter });
}

export const db = (globalForDb.sessionproofDb ??= createClient());
