// `npm run benchmark:flood`: does a flood of sign-ins slow everyone else down? Starts the production build on a
// fresh database, then times signed-in `GET /api/session` quietly and again while concurrent sign-ins with
// wrong passwords keep arriving, each from an address of its own (a botnet, so no per-address limit helps).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { databaseUrlFor } from "@/lib/database-url.mjs";
import { generateSigningKey } from "@/lib/server/signing-keys";
import { readHiddenFormFields } from "@/e2e/forms";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { buildIfStale, prepareDatabase } from "./server-setup.mts";

const COMMAND = {
  usage: "npm run benchmark:flood [-- --requests N --flood N --port N]",
  about:
    "Times signed-in GET /api/session (default 3000 requests, 4 at a time) on a quiet server and while N concurrent sign-ins run (default 50), against the production build on a fresh SQLite database.",
  options: {
    requests: { type: "string", default: "3000" },
    flood: { type: "string", default: "50" },
    port: { type: "string", default: "3198" },
  },
} satisfies CommandDescription;
const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const [REQUESTS, FLOOD, PORT] = [values.requests, values.flood, values.port].map(Number) as [number, number, number];
if (![REQUESTS, FLOOD, PORT].every((value) => Number.isSafeInteger(value) && value > 0))
  exitWithUsage(COMMAND, "--requests, --flood and --port must be whole numbers above 0.");
const BASE = `http://127.0.0.1:${PORT}`;
const CONCURRENT_CHECKS = 4;

buildIfStale();
const databaseFile = path.resolve(".data", "benchmark-flood.db");
await prepareDatabase({ kind: "sqlite", file: databaseFile }, { fresh: true });
const server = spawn(
  process.execPath,
  [...(process.env.PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "server.mjs"],
  {
    env: {
      ...process.env,
      PORT: String(PORT),
      PUBLIC_ORIGIN: BASE,
      DATABASE_URL: databaseUrlFor(databaseFile),
      SESSION_SECRETS: JSON.stringify({ 1: randomBytes(32).toString("base64url") }),
      API_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
      // The flood's sign-ins each claim an address of their own, as many machines would be.
      TRUSTED_PROXY_COUNT: "1",
    },
    stdio: "ignore",
  },
);
process.on("exit", () => server.kill());

try {
  await waitForServer();
  const cookie = await signUp();
  const actionFields = readHiddenFormFields(await (await fetch(`${BASE}/login`)).text());

  await timeSessionChecks(cookie, 300); // warm-up
  const quiet = await timeSessionChecks(cookie, REQUESTS);
  const flood = startFlood(actionFields);
  await flood.warmedUp;
  const flooded = await timeSessionChecks(cookie, REQUESTS);
  const signIns = await flood.stop();

  console.log(
    `Signed-in GET /api/session, ${REQUESTS} requests, ${CONCURRENT_CHECKS} at a time, Node ${process.version}\n`,
  );
  console.log(`quiet                       ${describe(quiet)}`);
  console.log(`${`with ${FLOOD} sign-ins running`.padEnd(28)}${describe(flooded)}`);
  console.log(`\np99 under the flood / quiet p99: ${(percentile(flooded, 0.99) / percentile(quiet, 0.99)).toFixed(2)}`);
  const seconds = signIns.elapsedMs / 1000;
  console.log(
    `sign-ins meanwhile: ${(signIns.checked / seconds).toFixed(1)}/s checked, ${(signIns.busy / seconds).toFixed(1)}/s answered "busy" (${signIns.refusedEarly} of ${signIns.busy} before Next.js), ${signIns.other} other; checked p99 ${percentile(signIns.checkedLatencies, 0.99).toFixed(0)} ms`,
  );
} finally {
  server.kill();
}

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${BASE}/login`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer on ${BASE} within a minute.`);
}

async function postForm(pagePath: string, fields: Record<string, string>, address: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return fetch(`${BASE}${pagePath}`, {
    method: "POST",
    body,
    headers: { Origin: BASE, "X-Forwarded-For": address },
    redirect: "manual",
  });
}

async function signUp(): Promise<string> {
  const password = randomBytes(12).toString("base64url");
  const fields = readHiddenFormFields(await (await fetch(`${BASE}/signup`)).text());
  const response = await postForm(
    "/signup",
    { ...fields, email: `benchmark-${Date.now()}@example.test`, password, confirmPassword: password },
    "192.0.2.1",
  );
  const sealed = response.headers
    .getSetCookie()
    .find((header) => header.startsWith("__Host-session=") && !header.startsWith("__Host-session=;"));
  if (!sealed) throw new Error(`Signing up did not start a session (HTTP ${response.status}).`);
  return sealed.slice(0, sealed.indexOf(";"));
}

async function timeSessionChecks(cookie: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const start = performance.now();
      const response = await fetch(`${BASE}/api/session`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/session answered ${response.status}.`);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CHECKS }, worker));
  return latencies;
}

function startFlood(actionFields: Record<string, string>) {
  let running = true;
  let markWarmedUp: () => void = () => {};
  const warmedUp = new Promise<void>((resolve) => (markWarmedUp = resolve));
  const counts = { checked: 0, busy: 0, refusedEarly: 0, other: 0, checkedLatencies: [] as number[] };
  const started = performance.now();
  const signInLoop = async () => {
    while (running) {
      const id = randomBytes(6).toString("hex");
      const address = `198.18.${parseInt(id.slice(0, 2), 16)}.${parseInt(id.slice(2, 4), 16)}`;
      const start = performance.now();
      const response = await postForm(
        "/login",
        { ...actionFields, email: `flood-${id}@example.test`, password: "wrong guess" },
        address,
      );
      const page = await response.text();
      if (page.includes("Incorrect email or password.")) {
        counts.checked++;
        counts.checkedLatencies.push(performance.now() - start);
      } else if (page.includes("Too many people are signing in right now")) {
        counts.busy++;
        if (response.status === 503) counts.refusedEarly++;
      } else counts.other++;

      if (counts.checked + counts.busy >= FLOOD) markWarmedUp();
    }
  };
  const loops = Array.from({ length: FLOOD }, signInLoop);
  return {
    warmedUp,
    async stop() {
      running = false;
      await Promise.all(loops);
      return { ...counts, elapsedMs: performance.now() - started };
    },
  };
}

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * p)] ?? NaN;
}

function describe(samples: number[]) {
  return `p50 ${percentile(samples, 0.5).toFixed(1).padStart(6)} ms   p99 ${percentile(samples, 0.99).toFixed(1).padStart(6)} ms`;
}
