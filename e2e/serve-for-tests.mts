// Starts the production build for the e2e suite: `tsx e2e/serve-for-tests.mts NAME PORT [--keep-database]`.
// Each server gets a fresh database and a log file that tests can scan, both under test-results/servers/;
// --keep-database restarts a server on the database it had (the key-rotation drill restarts one).
// The server named "database-down" gets a directory where its database file should be, so every query fails.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { databaseUrlFor } from "@/lib/database-url";
import { prepareDatabase, startNext } from "@/scripts/server-setup.mts";

const [name, port, flag] = process.argv.slice(2);
if (!name || !port || (flag && flag !== "--keep-database")) {
  throw new Error("usage: serve-for-tests.mts NAME PORT [--keep-database]");
}
const fresh = flag !== "--keep-database";

const databaseFile = path.resolve("test-results", "servers", `${name}.db`);
const logFile = path.resolve("test-results", "servers", `${name}.log`);
// A fresh log with the fresh database: tests find their own lines by ids that only this run's database hands out.
if (fresh) {
  rmSync(logFile, { force: true });
  rmSync(`${databaseFile}.pending-sign-outs`, { force: true });
}
if (name === "database-down") {
  rmSync(databaseFile, { recursive: true, force: true });
  mkdirSync(databaseFile, { recursive: true });
} else {
  await prepareDatabase(databaseFile, { fresh });
}
startNext(
  "start",
  port,
  { PUBLIC_ORIGIN: `http://localhost:${port}`, ...process.env, DATABASE_URL: databaseUrlFor(databaseFile) },
  logFile,
);
