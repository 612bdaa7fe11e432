// `npm run bench:builds -- --baseline DIR`: this checkout's production build against another checkout's, side
// by side. Both servers run at once and every variant takes its turn in short rounds, so whatever else the
// machine does weighs on both builds alike; one `npm run bench` cannot tell a change of 0.05 from that noise.
// Prints each build's signed-in ÷ signed-out ratio for one route. See docs/performance.md.
import { existsSync } from "node:fs";
import path from "node:path";
import type { DatabaseTarget } from "@/lib/platform/database-url.mjs";
import { signUp } from "./bench/clients.mts";
import { measureInTurns, warmUp, type Contender } from "./bench/load.mts";
import { readLoadOptions } from "./bench/options.mts";
import { startBenchServer, type BenchServer } from "./bench/server.mts";
import { buildIfStale } from "./server-setup.mts";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "./usage";

const COMMAND = {
  usage:
    "npm run bench:builds -- --baseline DIR [--route PATH --database sqlite|postgresql --seconds N --rounds N --connections N]",
  about:
    "Runs this checkout's production build and the one in DIR (another checkout of the same schema, built with npm run build) at the same time, and measures PATH (default /api/session) signed out and signed in on both, in rounds that take turns. Prints each build's ratio: the median of its rounds' ratios, with the lowest and highest.",
  options: {
    baseline: { type: "string" },
    route: { type: "string", default: "/api/session" },
    database: { type: "string", default: "sqlite" },
    seconds: { type: "string", default: "3" },
    rounds: { type: "string", default: "12" },
    connections: { type: "string", default: "16" },
  },
} satisfies CommandDescription;

const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS } = readLoadOptions(values, COMMAND);
if (!values.baseline) exitWithUsage(COMMAND, "--baseline names the other checkout's directory.");
const baseline = path.resolve(values.baseline);
if (!existsSync(path.join(baseline, ".next", "BUILD_ID")))
  exitWithUsage(COMMAND, `${baseline} has no production build: run npm run build there first.`);
if (values.database !== "sqlite" && values.database !== "postgresql")
  exitWithUsage(COMMAND, "--database is sqlite or postgresql.");
if (!values.route.startsWith("/")) exitWithUsage(COMMAND, "--route is a path, such as /api/session or /.");
const POSTGRES_SERVER = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
const FIRST_PORT = 3211;

buildIfStale();
const builds = [
  { name: "baseline", directory: baseline },
  { name: "this checkout", directory: process.cwd() },
];
const servers: BenchServer[] = [];
try {
  const contenders: Record<string, Contender> = {};
  for (const [index, build] of builds.entries()) {
    const target: DatabaseTarget =
      values.database === "sqlite"
        ? { kind: "sqlite", file: path.resolve(".data", `bench-builds-${index}.db`) }
        : { kind: "postgresql", url: `${POSTGRES_SERVER}/sessionproof_bench_builds_${index}` };
    const server = await startBenchServer(target, FIRST_PORT + index, { directory: build.directory });
    servers.push(server);
    const cookie = await signUp(server.base, `builds-${index}@example.test`, "bench password 1");
    const url = `${server.base}${values.route}`;
    contenders[`${index} signed out`] = { url, expected: "any" };
    contenders[`${index} signed in`] = { url, headers: { cookie }, expected: "2xx" };
  }
  for (const contender of Object.values(contenders)) await warmUp(contender.url, contender.headers);

  const load = { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS };
  const { results, allRounds, compare } = await measureInTurns(contenders, load, (round) =>
    console.log(`  round ${round + 1} of ${ROUNDS}`),
  );

  console.log(`\n${values.route} on ${values.database}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s:`);
  for (const [index, build] of builds.entries()) {
    const [signedOut, signedIn] = [`${index} signed out`, `${index} signed in`];
    const { ratio, lowest, highest } = compare(signedIn, signedOut);
    const unexpected = allRounds[signedIn]!.reduce((sum, result) => sum + result.unexpected + result.errors, 0);
    console.log(
      `  ${build.name} (${build.directory}): signed out ${results[signedOut]!.requestsPerSecond.toFixed(0)}/s, signed in ${results[signedIn]!.requestsPerSecond.toFixed(0)}/s, ratio ${ratio.toFixed(3)} (${lowest.toFixed(2)} to ${highest.toFixed(2)})${unexpected ? `, ${unexpected} signed-in answers not 2xx` : ""}`,
    );
  }
} finally {
  for (const server of servers) await server.stop();
}
