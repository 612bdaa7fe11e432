// `npm run benchmark`: what the per-request session check costs, measured in-process on a fresh
// SQLite database (no HTTP, no rendering). Numbers from a run go into docs/performance.md.
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { generateSigningKey } from "@/lib/programs/signing-keys";
import { readSessionPolicy } from "@/lib/session/session-policy";
import { createMigratedDatabase } from "@/testing/temporary-database";

process.env.DATABASE_URL = `file:${createMigratedDatabase()}`;
process.env.SESSION_SECRET = randomBytes(32).toString("base64url");
process.env.API_SIGNING_KEYS = JSON.stringify({ keys: [generateSigningKey()] });
const { db } = await import("@/lib/platform/db");
const { issueAccessToken, verifyAccessToken } = await import("@/lib/programs/access-token");
const { createProgramLink, findLiveLinkForCall } = await import("@/lib/programs/program-links");
const { createSession, validateSessionToken } = await import("@/lib/session/session-store");
const { sealSessionToken, unsealSessionToken } = await import("@/lib/session/session-cookie");

const COMMAND = {
  usage: "npm run benchmark [-- --iterations N]",
  about:
    "Times the per-request checks in-process on a fresh SQLite database: the browser's session cookie, and a program's access token (default 5000 iterations).",
  options: { iterations: { type: "string", default: "5000" } },
} satisfies CommandDescription;
const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const ITERATIONS = Number(values.iterations);
if (!Number.isSafeInteger(ITERATIONS) || ITERATIONS < 1)
  exitWithUsage(COMMAND, "--iterations must be a whole number of at least 1.");
const SESSIONS = 10_000;
const LINKS = 2_000;

const WARM_UP = 200;

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < WARM_UP; i++) await run();
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

// Setting up logs one line per session and link; the measurements are what this command prints.
async function quietly<T>(setUp: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => {};
  try {
    return await setUp();
  } finally {
    console.log = log;
  }
}

// As many users as it takes to keep every session live under the per-user limit, so that the check below times
// a live session, not one the limit has ended.
const { maxConcurrentSessions } = readSessionPolicy(process.env);
const tokens: string[] = [];
let user = { id: 0 };
await quietly(async () => {
  for (let i = 0; i < SESSIONS; i++) {
    if (i % maxConcurrentSessions === 0) {
      user = await db.user.create({ data: { email: `benchmark-${i}@example.test`, passwordHash: "x" } });
    }
    tokens.push((await createSession(user.id, { ipAddress: null, userAgent: null })).token);
  }
});
const token = tokens[SESSIONS / 2]!;
if ((await validateSessionToken(token)).status !== "valid") throw new Error("The session to time is not live.");
const cookie = await sealSessionToken(token, 3600);
const forgedCookie = await sealSessionToken("A".repeat(43), 3600);

// A cookie the server has not opened before (a new sign-in, a restart) is unsealed in full; one it has is
// answered from the seals it keeps (lib/session/session-cookie.ts).
const newCookies = await Promise.all(Array.from({ length: WARM_UP + ITERATIONS }, () => sealSessionToken(token, 3600)));

console.log(`${ITERATIONS} checks against a table of ${SESSIONS} live sessions, Node ${process.version}\n`);
await measure("unseal a cookie not seen before", () => unsealSessionToken(newCookies.pop()!));
await measure("unseal a cookie opened before", () => unsealSessionToken(cookie));
await measure("validate the token (one indexed query)", () => validateSessionToken(token));
await measure("whole check: unseal + validate", async () => validateSessionToken((await unsealSessionToken(cookie))!));
await measure("whole check, a token never issued", async () =>
  validateSessionToken((await unsealSessionToken(forgedCookie))!),
);

let link = { publicId: "", name: "" };
await quietly(async () => {
  for (let i = 0; i < LINKS; i++) link = (await createProgramLink(user.id, `program ${i}`)).link;
});
const issuer = "http://localhost:3000";
const grant = { userId: user.id, linkPublicId: link.publicId, clientId: "benchmark" };
const { token: accessToken } = await issueAccessToken(grant, issuer);
const address = "203.0.113.1";
console.log(`\nA program's access token, against ${LINKS} links\n`);
await measure("verify the signature and claims (EdDSA)", () => verifyAccessToken(accessToken, issuer));
await measure("is the link live? (one indexed query)", () => findLiveLinkForCall(user.id, link.publicId, address));
await measure("whole check: verify + link lookup", async () => {
  const claims = await verifyAccessToken(accessToken, issuer);
  return findLiveLinkForCall(claims!.userId, claims!.linkPublicId, address);
});
await db.$disconnect();
