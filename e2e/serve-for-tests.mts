// Starts the production build for the e2e suite: `tsx e2e/serve-for-tests.mts NAME PORT [--keep-database]`.
// Each server gets a fresh database and a log file that tests can scan, both under test-results/servers/;
// --keep-database restarts a server on the database it had (the key-rotation drill restarts one).
// The server named "database-down" gets a database that cannot be reached: a directory where its SQLite file
// should be, or on PostgreSQL a port nothing listens on, so every query fails.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pendingSignOutsFile } from "@/lib/platform/database-url.mjs";
import { prepareDatabase, removeSqliteDatabase, startNext } from "@/scripts/server-setup.mts";
import { writeMigratedDatabase } from "@/testing/temporary-database";
import { serverDatabase, serverDatabaseUrl } from "./test-servers";

const [name, port, flag] = process.argv.slice(2);
if (!name || !port || (flag && flag !== "--keep-database")) {
  throw new Error("usage: serve-for-tests.mts NAME PORT [--keep-database]");
}
const fresh = flag !== "--keep-database";

const database = serverDatabase(name);
let databaseUrl = serverDatabaseUrl(name);
const logFile = path.resolve("test-results", "servers", `${name}.log`);
// A fresh log with the fresh database: tests find their own lines by ids that only this run's database hands out.
if (fresh) {
  rmSync(logFile, { force: true });
  rmSync(pendingSignOutsFile(database), { force: true });
}
if (name === "database-down" && database.kind === "sqlite") {
  rmSync(database.file, { recursive: true, force: true });
  mkdirSync(database.file, { recursive: true });
} else if (name === "database-down" && database.kind === "postgresql") {
  const unreachable = new URL(database.url);
  unreachable.port = "1";
  databaseUrl = unreachable.href;
} else if (database.kind === "postgresql") {
  await prepareDatabase(database, { fresh });
} else if (fresh) {
  // `prisma migrate deploy`, the demo's and deployments' way (npm run db:migrate, tested on its own), needs
  // about 2 CPU-seconds for what this does in 10 ms. A restart keeps the database as the first start left it.
  removeSqliteDatabase(database.file);
  mkdirSync(path.dirname(database.file), { recursive: true });
  writeMigratedDatabase(database.file, { writeAheadLog: true });
}
startNext(
  "start",
  port,
  { PUBLIC_ORIGIN: `http://localhost:${port}`, ...process.env, DATABASE_URL: databaseUrl },
  logFile,
);
