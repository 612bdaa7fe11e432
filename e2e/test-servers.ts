import path from "node:path";

/**
 * The e2e suite runs four servers from one production build: one with the default policy, one with
 * timeouts short enough to watch them expire, one for administration (its tests change settings that
 * every session on that server obeys), and one whose database cannot be opened.
 * Each has its own database and log under test-results/servers/.
 */
export const TEST_SERVERS = {
  app: { port: 3100, env: { SESSION_MAX_CONCURRENT: "3" } },
  timeouts: {
    port: 3101,
    env: { SESSION_IDLE_TIMEOUT_SECONDS: "6", SESSION_ABSOLUTE_TIMEOUT_SECONDS: "25", REAUTH_MAX_AGE_SECONDS: "3" },
  },
  "database-down": { port: 3102, env: {} },
  admin: { port: 3103, env: {} },
} as const;

export type TestServerName = keyof typeof TEST_SERVERS;

export const serverDatabaseFile = (name: TestServerName) => path.resolve("test-results", "servers", `${name}.db`);
export const serverLogFile = (name: TestServerName) => path.resolve("test-results", "servers", `${name}.log`);
export const serverBaseUrl = (name: TestServerName) => `http://localhost:${TEST_SERVERS[name].port}`;
