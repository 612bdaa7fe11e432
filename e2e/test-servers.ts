import path from "node:path";
import { databaseUrlFor, type DatabaseTarget } from "@/lib/platform/database-url.mjs";

/**
 * The e2e suite runs five servers from one production build: one with the default policy, one with
 * timeouts short enough to watch them expire, one for administration (its tests change settings that
 * every session on that server obeys), one whose database cannot be opened, and an isolated one with a
 * sealing secret of its own (another deployment, and a database the tests may lock to take it offline).
 * Each has its own database and log under test-results/servers/; with `npm run test:postgres`, each has a
 * PostgreSQL database of its own instead.
 */
/** The local mail server the "app" test server sends notices to (e2e/smtp-sink.mts). */
export const MAIL_SINK_PORT = 3125;
export const MAIL_SINK_DIRECTORY = path.resolve("test-results", "mail");

export const TEST_SERVERS = {
  app: { port: 3100, env: { SESSION_MAX_CONCURRENT: "3", SMTP_URL: `smtp://127.0.0.1:${MAIL_SINK_PORT}` } },
  timeouts: {
    port: 3101,
    // Short enough to watch them run out, long enough that a busy machine cannot cross one by accident.
    env: { SESSION_IDLE_TIMEOUT_SECONDS: "10", SESSION_ABSOLUTE_TIMEOUT_SECONDS: "30", REAUTH_MAX_AGE_SECONDS: "8" },
  },
  "database-down": { port: 3102, env: {} },
  admin: { port: 3103, env: {} },
  isolated: { port: 3104, env: {} },
} as const;

/** Servers that seal with a secret of their own instead of the one every other test server shares. */
export const SERVERS_WITH_OWN_SECRET: readonly TestServerName[] = ["isolated"];

export type TestServerName = keyof typeof TEST_SERVERS;

/** Set by `npm run test:postgres`: the same suite against the machine's PostgreSQL. */
export const ON_POSTGRES = process.env.TEST_DATABASE === "postgresql";
const POSTGRES_SERVER = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";

/** The database of a test server, or of a test's own server (e2e/own-server.ts), by its name. */
export function serverDatabase(name: string): DatabaseTarget {
  if (!ON_POSTGRES) return { kind: "sqlite", file: path.resolve("test-results", "servers", `${name}.db`) };
  return { kind: "postgresql", url: `${POSTGRES_SERVER}/sessionproof_e2e_${name.replace(/\W/g, "_")}` };
}

/** DATABASE_URL for a server's database. */
export function serverDatabaseUrl(name: string): string {
  const database = serverDatabase(name);
  return database.kind === "sqlite" ? databaseUrlFor(database.file) : database.url;
}

export const serverLogFile = (name: TestServerName) => path.resolve("test-results", "servers", `${name}.log`);
export const serverBaseUrl = (name: TestServerName) => `http://localhost:${TEST_SERVERS[name].port}`;
