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
import { percentile, postForm, randomAddress, sessionCookieFrom, signUp } from "./bench/clients.mts";
import { countRowWrites, openBenchDatabase } from "./bench/database.mts";
import { FLOOR_PAGE, FLOOR_ROUTE, startFloorServer } from "./bench/floor.mts";
import { describeFlood, measureFlood, type FloodResult, type FloodSource } from "./bench/flood.mts";
import {
  measureInTurns,
  measureRoute,
  warmUp,
  type Comparison,
  type Contender,
  type LoadResult,
  type TurnResult,
} from "./bench/load.mts";
import { startBetterAuthPeer, type PeerServer } from "./bench/peers.mts";
import { readLoadOptions } from "./bench/options.mts";
import { cpuMillisecondsOf } from "./bench/process-cpu.mts";
import { startBenchServer, type BenchServer } from "./bench/server.mts";
import { buildIfStale } from "./server-setup.mts";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "./usage";

const COMMAND = {
  usage: "npm run bench [-- --database sqlite|postgresql|both --seconds N --rounds N --connections N --peers]",
  about:
    "Measures the production build on a fresh database against the framework floor (bench/floor, a bare Next.js app built and served in the same run): routes signed in and signed out, server CPU per request (with --peers, the same routes on the session libraries under bench/peers, on SQLite), row writes per request, sign-in throughput, a flood of sign-ins, 1,000 against 1,000,000 sessions and the cleanup of them. Writes bench/results.md.",
  options: {
    database: { type: "string", default: "both" },
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
    peers: { type: "boolean", default: false },
  },
} satisfies CommandDescription;

const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS } = readLoadOptions(values, COMMAND);
const KINDS = { sqlite: ["sqlite"], postgresql: ["postgresql"], both: ["sqlite", "postgresql"] } as const;
if (!(values.database in KINDS)) exitWithUsage(COMMAND, "--database is sqlite, postgresql or both.");
const PORT = 3197;
const FLOOR_PORT = 3196;
const PEER_PORT = 3193;
const POSTGRES_SERVER = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
// The targets of issue 26 (docs/performance.md), each a ratio of requests/s measured in the same rounds.
const TARGETS = {
  signedInApiToFloor: 0.8,
  signedOutApiToFloor: 0.9,
  signedInPageToSignedOut: 0.9,
  floodP99: 3,
};
const FLOOD_CLIENTS = 20;
const FLOOD_SOURCES: FloodSource[] = ["many-addresses", "one-address"];
const LARGE_STORE = 1_000_000;
const SMALL_STORE = 1_000;
// The routes against the floor are what the targets are about (docs/performance.md): twice the rounds.
const PAIRED_ROUNDS = ROUNDS * 2;

buildIfStale();
console.log("Building and starting the framework floor (bench/floor)...");
const floor = await startFloorServer(FLOOR_PORT);
const sections: string[] = [];
try {
  for (const kind of KINDS[values.database as keyof typeof KINDS]) {
    console.log(`\n${kind}:`);
    sections.push(await benchDatabase(kind));
  }
} finally {
  await floor.stop();
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
    const email = "bench@example.test";
    const cookie = await signUp(server.base, email, "bench password 1");
    const signedIn = { cookie };
    await database.addEndedSessions(SMALL_STORE - (await database.count(`SELECT count(*) FROM "Session"`)));

    // The peers keep their sessions in SQLite; they are measured beside the app's SQLite run only.
    const peer = values.peers && kind === "sqlite" ? await startBetterAuthPeer(PEER_PORT) : undefined;
    step(`routes against the floor${peer ? ` and ${peer.name}` : ""}, ${PAIRED_ROUNDS} rounds`);
    const routes = await measureRoutes(server, signedIn, peer).finally(() => peer?.stop());

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
    const floods: FloodResult[] = [];
    for (const source of FLOOD_SOURCES) {
      floods.push(
        await measureFlood(server.base, { cookie, email }, { clients: FLOOD_CLIENTS, source, seconds: SECONDS }),
      );
    }

    step(`${SMALL_STORE.toLocaleString("en")} against ${LARGE_STORE.toLocaleString("en")} sessions in the store`);
    // Measured next to each other, so that both meet a server equally warmed up.
    const small = await measureRoute(`${server.base}/api/session`, { ...load, headers: signedIn, expected: "2xx" });
    await database.addEndedSessions(LARGE_STORE - (await database.count(`SELECT count(*) FROM "Session"`)));
    await warmUp(`${server.base}/api/session`, signedIn);
    const large = await measureRoute(`${server.base}/api/session`, { ...load, headers: signedIn, expected: "2xx" });

    step("the cleanup of them");
    const prune = runPrune(server);

    return renderSection(kind, { routes, writes, checked: checked!, signIns, floods, small, large, prune });
  } finally {
    await database.close();
    await server.stop();
  }
}

/**
 * The app's routes and the floor's, in turns: the floor's route and page, ours signed out and signed in, and the
 * same on the peer when there is one.
 */
async function measureRoutes(server: BenchServer, signedIn: Record<string, string>, peer?: PeerServer) {
  const [ours, theFloor] = [() => cpuMillisecondsOf(server.pid), () => cpuMillisecondsOf(floor.pid)];
  const api = `${server.base}/api/session`;
  const page = `${server.base}/`;
  const contenders: Record<string, Contender> = {
    floorRoute: { url: `${floor.base}${FLOOR_ROUTE}`, expected: "2xx", cpuMilliseconds: theFloor },
    signedOutApi: { url: api, expected: "4xx", cpuMilliseconds: ours },
    signedInApi: { url: api, headers: signedIn, expected: "2xx", cpuMilliseconds: ours },
    floorPage: { url: `${floor.base}${FLOOR_PAGE}`, expected: "2xx", cpuMilliseconds: theFloor },
    signedOutPage: { url: page, expected: "2xx", cpuMilliseconds: ours },
    signedInPage: { url: page, headers: signedIn, expected: "2xx", cpuMilliseconds: ours },
  };
  if (peer) {
    const [route, page, theirs] = [
      `${peer.base}${peer.route}`,
      `${peer.base}${peer.page}`,
      () => cpuMillisecondsOf(peer.pid),
    ];
    const cookie = { cookie: peer.cookie };
    contenders.peerSignedOutApi = { url: route, expected: "4xx", cpuMilliseconds: theirs };
    contenders.peerSignedInApi = { url: route, headers: cookie, expected: "2xx", cpuMilliseconds: theirs };
    contenders.peerSignedOutPage = { url: page, expected: "2xx", cpuMilliseconds: theirs };
    contenders.peerSignedInPage = { url: page, headers: cookie, expected: "2xx", cpuMilliseconds: theirs };
  }
  for (const contender of Object.values(contenders)) await warmUp(contender.url, contender.headers);
  const load = { connections: CONNECTIONS, seconds: SECONDS, rounds: PAIRED_ROUNDS };
  const { results, compare } = await measureInTurns(contenders, load, (round) =>
    console.log(`    round ${round + 1} of ${PAIRED_ROUNDS}`),
  );
  for (const [name, result] of Object.entries(results))
    console.log(
      `    ${name}: ${result.requestsPerSecond.toFixed(0)}/s, ${result.cpuPerRequest.toFixed(3)} ms CPU a request`,
    );
  return {
    results,
    ratios: {
      signedInApiToFloor: compare("signedInApi", "floorRoute"),
      signedOutApiToFloor: compare("signedOutApi", "floorRoute"),
      signedInApiToSignedOut: compare("signedInApi", "signedOutApi"),
      signedInPageToSignedOut: compare("signedInPage", "signedOutPage"),
      signedInPageToFloor: compare("signedInPage", "floorPage"),
    },
    peer: peer && {
      name: peer.name,
      ratios: {
        signedInApiToFloor: compare("peerSignedInApi", "floorRoute"),
        signedOutApiToFloor: compare("peerSignedOutApi", "floorRoute"),
        signedInApiToSignedOut: compare("peerSignedInApi", "peerSignedOutApi"),
        signedInPageToSignedOut: compare("peerSignedInPage", "peerSignedOutPage"),
        signedInPageToFloor: compare("peerSignedInPage", "floorPage"),
        oursToTheirsSignedInApi: compare("signedInApi", "peerSignedInApi"),
        oursToTheirsSignedOutApi: compare("signedOutApi", "peerSignedOutApi"),
      },
    },
  };
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

function runPrune(server: BenchServer) {
  const started = performance.now();
  const run = spawnSync("npm", ["run", "--silent", "sessions:prune"], { env: server.env, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  const deleted = Number(/deleted (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  return { seconds, deleted, ok: run.status === 0 };
}

type Measured = {
  routes: Awaited<ReturnType<typeof measureRoutes>>;
  writes: number;
  checked: LoadResult;
  signIns: Awaited<ReturnType<typeof measureSignIns>>;
  floods: FloodResult[];
  small: LoadResult;
  large: LoadResult;
  prune: ReturnType<typeof runPrune>;
};

function renderSection(kind: DatabaseTarget["kind"], m: Measured): string {
  const row = (name: string, result: LoadResult, extra = "") =>
    `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50.toFixed(1)} ms | ${result.p99.toFixed(1)} ms | ${result.errors + result.unexpected} | ${extra} |`;
  const cpu = (result: TurnResult) =>
    Number.isNaN(result.cpuPerRequest) ? "" : `${result.cpuPerRequest.toFixed(3)} ms`;
  const ratio = (a: LoadResult, b: LoadResult) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(2);
  const compared = (comparison: Comparison, target?: number) =>
    // Three places for the median, so that one just under its target never reads as equal to it.
    `${comparison.ratio.toFixed(3)} (${comparison.lowest.toFixed(2)} to ${comparison.highest.toFixed(2)})${target === undefined ? "" : `, target ≥ ${target.toFixed(2)}: ${comparison.ratio >= target ? "met" : "not met"}`}`;
  const { results, ratios, peer } = m.routes;
  const at = (name: string) => results[name]!;
  const peerRows = peer
    ? [
        row(`${peer.name}: \`GET /api/me\` signed out (401)`, at("peerSignedOutApi"), cpu(at("peerSignedOutApi"))),
        row(`${peer.name}: \`GET /api/me\` signed in`, at("peerSignedInApi"), cpu(at("peerSignedInApi"))),
        row(`${peer.name}: \`GET /\` signed out`, at("peerSignedOutPage"), cpu(at("peerSignedOutPage"))),
        row(`${peer.name}: \`GET /\` signed in`, at("peerSignedInPage"), cpu(at("peerSignedInPage"))),
      ]
    : [];
  const peerRatios = peer
    ? [
        "",
        `${peer.name} ([bench/peers/better-auth](../bench/peers/better-auth), its cookie cache off, so that every request asks the database), in the same rounds:`,
        "",
        `- Its signed-in \`GET /api/me\` ÷ the floor's route: ${compared(peer.ratios.signedInApiToFloor)}; signed out: ${compared(peer.ratios.signedOutApiToFloor)}.`,
        `- Its signed-in ÷ signed-out \`GET /api/me\`: ${compared(peer.ratios.signedInApiToSignedOut)}; its page: ${compared(peer.ratios.signedInPageToSignedOut)}; its signed-in page ÷ the floor's: ${compared(peer.ratios.signedInPageToFloor)}.`,
        `- Ours ÷ theirs, requests/s in the same round: signed in ${compared(peer.ratios.oursToTheirsSignedInApi)}, signed out ${compared(peer.ratios.oursToTheirsSignedOutApi)}.`,
      ]
    : [];
  return [
    `## ${kind === "sqlite" ? "SQLite" : "PostgreSQL"}`,
    "",
    `${CONNECTIONS} connections, ${SECONDS} s a round, ${PAIRED_ROUNDS} rounds in which they take turns, one under load at a time. The floor is [bench/floor](../bench/floor): the same Next.js with one route handler answering JSON and one plain page, served by \`next start\`. The table shows each one's median round; server CPU is the serving process's (and its children's) user and system time over the requests it answered. The ratios are the median of the rounds' own, with the lowest and highest.`,
    "",
    "| Route | Requests/s | p50 | p99 | Errors | Server CPU per request |",
    "| --- | --- | --- | --- | --- | --- |",
    row("The floor's route handler", at("floorRoute"), cpu(at("floorRoute"))),
    row("`GET /api/session` signed out (401)", at("signedOutApi"), cpu(at("signedOutApi"))),
    row("`GET /api/session` signed in", at("signedInApi"), cpu(at("signedInApi"))),
    row("The floor's page", at("floorPage"), cpu(at("floorPage"))),
    row("`GET /` signed out", at("signedOutPage"), cpu(at("signedOutPage"))),
    row("`GET /` signed in", at("signedInPage"), cpu(at("signedInPage"))),
    ...peerRows,
    "",
    `- Signed-in \`GET /api/session\` ÷ the floor's route: ${compared(ratios.signedInApiToFloor, TARGETS.signedInApiToFloor)}.`,
    `- Signed-out \`GET /api/session\` ÷ the floor's route: ${compared(ratios.signedOutApiToFloor, TARGETS.signedOutApiToFloor)}.`,
    `- Signed-in \`GET /\` ÷ the same page signed out: ${compared(ratios.signedInPageToSignedOut, TARGETS.signedInPageToSignedOut)}.`,
    `- Signed-in \`GET /\` ÷ the floor's page: ${compared(ratios.signedInPageToFloor)}.`,
    `- Signed-in \`GET /api/session\` ÷ signed out: ${compared(ratios.signedInApiToSignedOut)}.`,
    ...peerRatios,
    "",
    `Other measurements: ${CONNECTIONS} connections, ${SECONDS} s a round, the median of ${ROUNDS} rounds (by requests/s).`,
    "",
    `- Row writes per signed-in request, one session, steady state: ${m.writes} in ${m.checked.requests} requests over ${SECONDS} s (${(m.writes / m.checked.requests).toFixed(5)} a request; at most one a session per last-seen interval, 60 s by default).`,
    `- Sign-ins with the right password, ${CONNECTIONS} clients at once: ${m.signIns.perSecond.toFixed(1)}/s, p99 ${m.signIns.p99.toFixed(0)} ms; ${m.signIns.busy} answered "busy" (more were waiting than the hashing queue holds), ${m.signIns.failed} failed.`,
    ...m.floods.map(
      (flood, index) =>
        `- Signed-in \`GET /api/session\`, 4 connections: ${describeFlood(flood, { clients: FLOOD_CLIENTS, source: FLOOD_SOURCES[index]! })} Target ≤ ${TARGETS.floodP99}×: ${flood.ratio <= TARGETS.floodP99 ? "met" : "not met"}.`,
    ),
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
