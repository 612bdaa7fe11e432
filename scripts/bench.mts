// `npm run bench`: what a secure session costs, on the production build, on SQLite and on PostgreSQL, in one
// run; writes bench/results.md. See docs/performance.md for what each number means.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { format, resolveConfig } from "prettier";
import { fetchHiddenFormFields } from "@/e2e/forms";
import { SERVER_BUSY_MESSAGE } from "@/lib/platform/busy-message.mjs";
import type { DatabaseTarget } from "@/lib/platform/database-url.mjs";
import { percentile, postForm, randomAddress, sessionCookieFrom, signUp, startFlood } from "./bench/clients.mts";
import { countRowWrites, openBenchDatabase } from "./bench/database.mts";
import { measurePair, measureRoute, warmUp, type LoadResult, type PairResult } from "./bench/load.mts";
import { readLoadOptions } from "./bench/options.mts";
import { startBenchServer, type BenchServer } from "./bench/server.mts";
import { buildIfStale } from "./server-setup.mts";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "./usage";

const COMMAND = {
  usage: "npm run bench [-- --database sqlite|postgresql|both --seconds N --rounds N --connections N]",
  about:
    "Measures the production build on a fresh database: routes signed in against signed out, row writes per request, sign-in throughput, a flood of sign-ins, 1,000 against 1,000,000 sessions and the cleanup of them. Writes bench/results.md.",
  options: {
    database: { type: "string", default: "both" },
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
  },
} satisfies CommandDescription;

const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS } = readLoadOptions(values, COMMAND);
const KINDS = { sqlite: ["sqlite"], postgresql: ["postgresql"], both: ["sqlite", "postgresql"] } as const;
if (!(values.database in KINDS)) exitWithUsage(COMMAND, "--database is sqlite, postgresql or both.");
const PORT = 3197;
const POSTGRES_SERVER = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
const FLOOD_CLIENTS = 50;
const LARGE_STORE = 1_000_000;
const SMALL_STORE = 1_000;
// Signed in against signed out is what the targets are about (docs/performance.md): twice the rounds.
const PAIRED_ROUNDS = ROUNDS * 2;

buildIfStale();
const sections: string[] = [];
for (const kind of KINDS[values.database as keyof typeof KINDS]) {
  console.log(`\n${kind}:`);
  sections.push(await benchDatabase(kind));
}
const RESULTS = "bench/results.md";
mkdirSync("bench", { recursive: true });
// Formatted as the project formats Markdown, so the file can be committed as written.
const options = { ...(await resolveConfig(RESULTS)), parser: "markdown" };
writeFileSync(RESULTS, await format(await renderReport(sections), options));
console.log(`\nWrote ${RESULTS}.`);

async function benchDatabase(kind: DatabaseTarget["kind"]): Promise<string> {
  const target: DatabaseTarget =
    kind === "sqlite"
      ? { kind, file: path.resolve(".data", "bench.db") }
      : { kind, url: `${POSTGRES_SERVER}/sessionproof_bench` };
  const server = await startBenchServer(target, PORT);
  const database = await openBenchDatabase(target);
  const load = { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS };
  try {
    const cookie = await signUp(server.base, "bench@example.test", "bench password 1");
    const signedIn = { cookie };
    await database.addEndedSessions(SMALL_STORE - (await database.count(`SELECT count(*) FROM "Session"`)));
    await warmUp(`${server.base}/api/session`, signedIn);
    await warmUp(`${server.base}/`, signedIn);

    step("routes");
    const api = `${server.base}/api/session`;
    const page = `${server.base}/`;
    const routes = {
      api: await measurePair(
        { url: api, expected: "4xx" },
        { url: api, headers: signedIn, expected: "2xx" },
        { ...load, rounds: PAIRED_ROUNDS },
      ),
      page: await measurePair(
        { url: page, expected: "2xx" },
        { url: page, headers: signedIn, expected: "2xx" },
        { ...load, rounds: PAIRED_ROUNDS },
      ),
    };

    step("row writes per signed-in request");
    let checked: LoadResult | undefined;
    const writes = await countRowWrites(database, kind, async () => {
      checked = await measureRoute(`${server.base}/api/session`, {
        ...load,
        rounds: 1,
        headers: signedIn,
        expected: "2xx",
      });
    });

    step("sign-ins");
    const signIns = await measureSignIns(server);

    step("a flood of sign-ins");
    const flood = await measureFlood(server, signedIn);

    step(`${SMALL_STORE.toLocaleString("en")} against ${LARGE_STORE.toLocaleString("en")} sessions in the store`);
    // Measured next to each other, so that both meet a server equally warmed up.
    const small = await measureRoute(`${server.base}/api/session`, { ...load, headers: signedIn, expected: "2xx" });
    await database.addEndedSessions(LARGE_STORE - (await database.count(`SELECT count(*) FROM "Session"`)));
    await warmUp(`${server.base}/api/session`, signedIn);
    const large = await measureRoute(`${server.base}/api/session`, { ...load, headers: signedIn, expected: "2xx" });

    step("the cleanup of them");
    const prune = runPrune(server);

    return renderSection(kind, { routes, writes, checked: checked!, signIns, flood, small, large, prune });
  } finally {
    await database.close();
    await server.stop();
  }
}

function step(name: string) {
  console.log(`  ${name}...`);
}

async function measureSignIns(server: BenchServer) {
  const password = "sign-in password 1";
  const emails = Array.from({ length: CONNECTIONS }, (_, index) => `sign-in-${index}@example.test`);
  // One at a time: sign-ups all at once would fill the hashing queue and be told "busy".
  for (const email of emails) await signUp(server.base, email, password);
  const fields = await fetchHiddenFormFields(server.base, "/login");
  const latencies: number[] = [];
  let [busy, failed] = [0, 0];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    emails.map(async (email) => {
      while (performance.now() < until) {
        const start = performance.now();
        const response = await postForm(server.base, "/login", { ...fields, email, password }, randomAddress());
        const page = await response.text();
        if (sessionCookieFrom(response)) latencies.push(performance.now() - start);
        else if (page.includes(SERVER_BUSY_MESSAGE)) busy++;
        else failed++;
      }
    }),
  );
  return { perSecond: latencies.length / SECONDS, p99: percentile(latencies, 0.99), busy, failed };
}

async function measureFlood(server: BenchServer, signedIn: Record<string, string>) {
  const checks = { connections: 4, seconds: SECONDS, rounds: 1, headers: signedIn, expected: "2xx" } as const;
  const quiet = await measureRoute(`${server.base}/api/session`, checks);
  const flood = startFlood(server.base, await fetchHiddenFormFields(server.base, "/login"), FLOOD_CLIENTS);
  await flood.warmedUp;
  const flooded = await measureRoute(`${server.base}/api/session`, checks);
  const signIns = await flood.stop();
  return { quiet, flooded, checkedPerSecond: signIns.checked / (signIns.elapsedMs / 1000) };
}

function runPrune(server: BenchServer) {
  const started = performance.now();
  const run = spawnSync("npm", ["run", "--silent", "sessions:prune"], { env: server.env, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  const deleted = Number(/deleted (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  return { seconds, deleted, ok: run.status === 0 };
}

type Measured = {
  routes: Record<"api" | "page", PairResult>;
  writes: number;
  checked: LoadResult;
  signIns: Awaited<ReturnType<typeof measureSignIns>>;
  flood: Awaited<ReturnType<typeof measureFlood>>;
  small: LoadResult;
  large: LoadResult;
  prune: ReturnType<typeof runPrune>;
};

function renderSection(kind: DatabaseTarget["kind"], m: Measured): string {
  const row = (name: string, result: LoadResult, ratio = "") =>
    `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50.toFixed(1)} ms | ${result.p99.toFixed(1)} ms | ${result.errors + result.unexpected} | ${ratio} |`;
  const ratio = (a: LoadResult, b: LoadResult) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(2);
  const pairRatio = (pair: PairResult) =>
    `${pair.ratio.toFixed(2)} (${pair.lowest.toFixed(2)} to ${pair.highest.toFixed(2)})`;
  return [
    `## ${kind === "sqlite" ? "SQLite" : "PostgreSQL"}`,
    "",
    `${CONNECTIONS} connections, ${SECONDS} s a round. Each route is measured signed out and signed in, in ${PAIRED_ROUNDS} rounds that take turns; the table shows the median round and the median of the rounds' ratios, with the lowest and highest.`,
    "",
    "| Route | Requests/s | p50 | p99 | Errors | Signed in ÷ signed out |",
    "| --- | --- | --- | --- | --- | --- |",
    row("`GET /api/session` signed out (401)", m.routes.api.baseline),
    row("`GET /api/session` signed in", m.routes.api.subject, pairRatio(m.routes.api)),
    row("`GET /` signed out", m.routes.page.baseline),
    row("`GET /` signed in", m.routes.page.subject, pairRatio(m.routes.page)),
    "",
    `Other measurements: ${CONNECTIONS} connections, ${SECONDS} s a round, the median of ${ROUNDS} rounds (by requests/s).`,
    "",
    `- Row writes per signed-in request, one session, steady state: ${m.writes} in ${m.checked.requests} requests over ${SECONDS} s (${(m.writes / m.checked.requests).toFixed(5)} a request; at most one a session per last-seen interval, 60 s by default).`,
    `- Sign-ins with the right password, ${CONNECTIONS} clients at once: ${m.signIns.perSecond.toFixed(1)}/s, p99 ${m.signIns.p99.toFixed(0)} ms; ${m.signIns.busy} answered "busy" (more were waiting than the hashing queue holds), ${m.signIns.failed} failed.`,
    `- Signed-in \`GET /api/session\`, 4 connections: p99 ${m.flood.quiet.p99.toFixed(1)} ms quiet, ${m.flood.flooded.p99.toFixed(1)} ms while ${FLOOD_CLIENTS} clients post wrong passwords (${(m.flood.flooded.p99 / m.flood.quiet.p99).toFixed(2)}×; ${m.flood.checkedPerSecond.toFixed(1)} sign-ins checked a second).`,
    "",
    "| Signed-in `GET /api/session` | Requests/s | p50 | p99 | Errors | Against 1,000 |",
    "| --- | --- | --- | --- | --- | --- |",
    row(`${SMALL_STORE.toLocaleString("en")} sessions in the store`, m.small),
    row(
      `${LARGE_STORE.toLocaleString("en")} sessions in the store`,
      m.large,
      `p50 ${(m.large.p50 / m.small.p50).toFixed(2)}×, requests/s ${ratio(m.large, m.small)}×`,
    ),
    "",
    `- \`npm run sessions:prune\` on them: ${m.prune.ok ? `deleted ${m.prune.deleted.toLocaleString("en")} in ${m.prune.seconds.toFixed(1)} s` : "failed"}.`,
    "",
  ].join("\n");
}

async function renderReport(sections: string[]): Promise<string> {
  const cpu = cpus();
  const postgres = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
  const postgresVersion = await postgres
    .connect()
    .then(() => postgres.query("SHOW server_version"))
    .then((result) => result.rows[0].server_version as string)
    .catch(() => "not reached")
    .finally(() => postgres.end().catch(() => {}));
  return [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${postgresVersion}; the load generator (autocannon) runs on the same machine.`,
    "",
    ...sections,
  ].join("\n");
}
