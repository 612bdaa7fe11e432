// `npm run benchmark:flood`: does a flood of sign-ins slow everyone else down? Starts the production build on a
// fresh database, then times signed-in `GET /api/session` quietly and again while concurrent sign-ins with
// wrong passwords keep arriving, each from an address of its own (a botnet, so no per-address limit helps).
import path from "node:path";
import { performance } from "node:perf_hooks";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { fetchHiddenFormFields } from "@/e2e/forms";
import { percentile, signUp, startFlood } from "./bench/clients.mts";
import { startBenchServer } from "./bench/server.mts";
import { buildIfStale } from "./server-setup.mts";

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
const CONCURRENT_CHECKS = 4;

buildIfStale();
const server = await startBenchServer({ kind: "sqlite", file: path.resolve(".data", "benchmark-flood.db") }, PORT, {
  profile: Boolean(process.env.PROFILE),
});
try {
  const cookie = await signUp(server.base, `benchmark-${Date.now()}@example.test`, "benchmark password 1");
  await timeSessionChecks(cookie, 300); // warm-up
  const quiet = await timeSessionChecks(cookie, REQUESTS);
  const flood = startFlood(server.base, await fetchHiddenFormFields(server.base, "/login"), FLOOD);
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
  await server.stop();
}

async function timeSessionChecks(cookie: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const start = performance.now();
      const response = await fetch(`${server.base}/api/session`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/session answered ${response.status}.`);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CHECKS }, worker));
  return latencies;
}

function describe(samples: number[]) {
  return `p50 ${percentile(samples, 0.5).toFixed(1).padStart(6)} ms   p99 ${percentile(samples, 0.99).toFixed(1).padStart(6)} ms`;
}
