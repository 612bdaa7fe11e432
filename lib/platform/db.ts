import "server-only";
import { connectDatabase } from "@/lib/platform/database-client";

const globalForDb = globalThis as { sessionproofDatabase?: ReturnType<typeof connectDatabase> };
const database = (globalForDb.sessionproofDatabase ??= connectDatabase());

export const db = database.client;
/** For the reads every request repeats; everything else goes through `db`. */
export const readPrepared = database.readPrepared;
/** For the throttle's store (lib/platform/throttle-store.ts). */
export const databaseDriver = database.driver;
