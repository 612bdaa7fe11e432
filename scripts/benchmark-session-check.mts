// `npm run benchmark`: what the per-request session check costs, measured in-process on a fresh
// SQLite database (no HTTP, no rendering). Numbers from a run go into the README.
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { createMigratedDatabase } from "@/testing/temporary-database";

process.env.DATABASE_URL = `file:${createMigratedDatabase()}`;
process.env.SESSION_SECRET = randomBytes(32).toString("base64url");
const { db } = await import("@/lib/server/db");
const { createSession, validateSessionToken } = await import("@/lib/server/session");
const { sealSessionToken, unsealSessionToken } = await import("@/lib/server/session-cookie");

const COMMAND: CommandDescription = {
  usage: "npm run benchmark [-- --iterations N]",
  about: "Times the per-request session check in-process on a fresh SQLite database (default 5000 iterations).",
  options: { iterations: { type: "string", default: "5000" } },
};
const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const ITERATIONS = Number(values.iterations);
if (!Number.isSafeInteger(ITERATIONS) || ITERATIONS < 1)
  exitWithUsage(COMMAND, "--iterations must be a whole number of at least 1.");
const SESSIONS = 10_000;

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const percentile = (p: number) => (samples[Math.floor((samples.length - 1) * p)]! * 1000).toFixed(0).padStart(6);
  const perSecond = (1000 / (samples.reduce((sum, value) => sum + value, 0) / samples.length)).toFixed(0).padStart(7);
  console.log(`${name.padEnd(44)} p50 ${percentile(0.5)} µs   p99 ${percentile(0.99)} µs   ${perSecond} /s`);
}

const user = await db.user.create({ data: { email: "benchmark@example.test", passwordHash: "x" } });
const tokens: string[] = [];
for (let i = 0; i < SESSIONS; i++)
  tokens.push((await createSession(user.id, { ipAddress: null, userAgent: null })).token);
const token = tokens[SESSIONS / 2]!;
const cookie = await sealSessionToken(token, 3600);
const forgedCookie = await sealSessionToken("A".repeat(43), 3600);

console.log(`${ITERATIONS} checks against a table of ${SESSIONS} live sessions, Node ${process.version}\n`);
await measure("unseal the cookie", () => unsealSessionToken(cookie));
await measure("validate the token (one indexed query)", () => validateSessionToken(token));
await measure("whole check: unseal + validate", async () => validateSessionToken((await unsealSessionToken(cookie))!));
await measure("whole check, a token never issued", async () =>
  validateSessionToken((await unsealSessionToken(forgedCookie))!),
);
await db.$disconnect();
