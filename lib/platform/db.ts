import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { connectDatabase } from "@/lib/platform/database-client";
import type { PreparedReader } from "@/lib/platform/prepared-reads";

const globalForDb = globalThis as { sessionproofDatabase?: { client: PrismaClient; readPrepared: PreparedReader } };
const database = (globalForDb.sessionproofDatabase ??= connectDatabase());

export const db = database.client;
/** For the reads every request repeats; everything else goes through `db`. */
export const readPrepared = database.readPrepared;
