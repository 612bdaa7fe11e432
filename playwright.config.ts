import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { generateSigningKey } from "./lib/programs/signing-keys";
import { chromiumLaunchOptions } from "./e2e/chromium";
import {
  MAIL_SINK_PORT,
  ON_POSTGRES,
  SERVERS_WITH_OWN_SECRET,
  TEST_SERVERS,
  serverBaseUrl,
  type TestServerName,
} from "./e2e/test-servers";

// A fresh sealing secret for every run, handed to the servers and to the workers that forge cookies.
process.env.E2E_SESSION_SECRET ??= randomBytes(32).toString("base64url");
process.env.E2E_OTHER_SESSION_SECRET ??= randomBytes(32).toString("base64url");
// Likewise a fresh key for programs' access tokens, so the tests can also sign tokens as the server would.
process.env.E2E_API_SIGNING_KEYS ??= JSON.stringify({ keys: [generateSigningKey()] });

// The compliance proof (proof/) is optional: a clone that drops it keeps a working test suite.
const HAS_PROOF = existsSync("proof/reporters/playwright.ts");

// Specs that take long however fast the machine: the timeout tests wait for deadlines to pass, the
// administrator's tests run one after another (they change settings their whole server obeys).
const LONG_SPECS = ["admin.spec.ts", "timeouts.spec.ts", "timeouts-ui.spec.ts"];

const server = (name: TestServerName) => ({
  command: `npx tsx e2e/serve-for-tests.mts ${name} ${TEST_SERVERS[name].port}`,
  url: `${serverBaseUrl(name)}/login`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "ignore" as const,
  env: {
    ...TEST_SERVERS[name].env,
    SESSION_SECRETS: JSON.stringify({
      1: SERVERS_WITH_OWN_SECRET.includes(name) ? process.env.E2E_OTHER_SESSION_SECRET : process.env.E2E_SESSION_SECRET,
    }),
    API_SIGNING_KEYS: process.env.E2E_API_SIGNING_KEYS!,
    // The tests stand in for one proxy: each test's X-Forwarded-For is the client address the app sees.
    TRUSTED_PROXY_COUNT: "1",
  },
});

export default defineConfig({
  testDir: "e2e",
  // Kept apart from test-results/servers, where the test servers keep their databases and logs.
  outputDir: "test-results/playwright",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // On the 2-core machine, with the long tests first, 3 workers finish sooner than 2: much of the suite is spent
  // waiting for deadlines (decision 024).
  workers: 3,
  reporter: [
    ["list"],
    // npm run test:postgres keeps its report apart from the SQLite run's.
    ...(HAS_PROOF
      ? [
          [
            "./proof/reporters/playwright.ts",
            { outputDirectory: ON_POSTGRES ? "reports/postgresql" : "reports" },
          ] as const,
        ]
      : []),
    ["./e2e/summary-reporter.ts"],
  ],
  // Room for a busy 2-core machine: a test that needs more than this is stuck, not slow.
  timeout: 120_000,
  // A first request to a server just started, on a busy machine, can take longer than the default 5 s; a check
  // still passes the moment its condition holds.
  expect: { timeout: 15_000 },
  use: {
    // localhost, not 127.0.0.1: browsers keep Secure cookies over plain HTTP only on localhost.
    launchOptions: chromiumLaunchOptions(),
    // Recording a trace of every test costs about a fifth of the suite's CPU; rerun a failing test with
    // --trace=on to get one.
    trace: "off",
  },
  webServer: [
    { command: `npx tsx e2e/smtp-sink.mts ${MAIL_SINK_PORT}`, port: MAIL_SINK_PORT, reuseExistingServer: false },
    server("app"),
    server("timeouts"),
    server("database-down"),
    server("admin"),
    server("isolated"),
  ],
  // Each spec chooses its test server with `test.use({ serverName })` (e2e/fixtures.ts); "app" by default.
  // Long tests first, so that the others run beside them rather than after them: the proof's one test, then
  // LONG_SPECS.
  projects: [
    ...(HAS_PROOF ? [{ name: "proof", testDir: "proof/e2e", use: { browserName: "chromium" as const } }] : []),
    { name: "e2e-long", testDir: "e2e", testMatch: LONG_SPECS, use: { browserName: "chromium" } },
    // Specs only: the unit tests of e2e's helpers (*.test.ts) are Vitest's.
    { name: "e2e", testDir: "e2e", testMatch: "*.spec.ts", testIgnore: LONG_SPECS, use: { browserName: "chromium" } },
  ],
});
