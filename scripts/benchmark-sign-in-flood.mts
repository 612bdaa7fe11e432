// `npm run benchmark:flood`: does a flood of sign-ins slow everyone else down? The flood step of `npm run bench`
// alone (scripts/bench/flood.mts), on the production build and a fresh SQLite database, from both kinds of source.
import path from "node:path";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { signUp } from "./bench/clients.mts";
import { describeFlood, measureFlood, type FloodSource } from "./bench/flood.mts";
import { warmUp } from "./bench/load.mts";
import { startBenchServer } from "./bench/server.mts";
import { buildIfStale } from "./server-setup.mts";

const COMMAND = {
  usage:
    "npm run benchmark:flood [-- --clients N --source many-addresses|one-address|both --seconds N --port N --profile]",
  about:
    "Times signed-in GET /api/session over 4 connections on a quiet server and while N clients (default 20) post wrong passwords through the sign-in form, each attempt from an address of its own, or all from one address at the signed-in account, against the production build on a fresh SQLite database. --profile writes the server's CPU profile to /tmp/prof.",
  options: {
    clients: { type: "string", default: "20" },
    source: { type: "string", default: "both" },
    seconds: { type: "string", default: "10" },
    port: { type: "string", default: "3198" },
    profile: { type: "boolean", default: false },
  },
} satisfies CommandDescription;
const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const [CLIENTS, SECONDS, PORT] = [values.clients, values.seconds, values.port].map(Number) as [number, number, number];
if (![CLIENTS, SECONDS, PORT].every((value) => Number.isSafeInteger(value) && value > 0))
  exitWithUsage(COMMAND, "--clients, --seconds and --port must be whole numbers above 0.");
const SOURCES: Record<string, FloodSource[]> = {
  "many-addresses": ["many-addresses"],
  "one-address": ["one-address"],
  both: ["many-addresses", "one-address"],
};
if (!(values.source in SOURCES)) exitWithUsage(COMMAND, "--source is many-addresses, one-address or both.");

buildIfStale();
const server = await startBenchServer({ kind: "sqlite", file: path.resolve(".data", "benchmark-flood.db") }, PORT, {
  profile: values.profile,
});
try {
  console.log(`Signed-in GET /api/session, ${SECONDS} s a measurement, Node ${process.version}:`);
  for (const [index, source] of SOURCES[values.source]!.entries()) {
    // Each source meets an account of its own, so that one's throttle does not carry into the next.
    const email = `benchmark-${index}@example.test`;
    const cookie = await signUp(server.base, email, "benchmark password 1");
    await warmUp(`${server.base}/api/session`, { cookie });
    const result = await measureFlood(server.base, { cookie, email }, { clients: CLIENTS, source, seconds: SECONDS });
    console.log(`- ${describeFlood(result, { clients: CLIENTS, source })}`);
  }
} finally {
  await server.stop();
}
