import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabaseClient } from "./database-client";

const globalForDb = globalThis as { sessionproofDb?: PrismaClient };

export const db = (globalForDb.sessionproofDb ??= createDatabaseClient());
