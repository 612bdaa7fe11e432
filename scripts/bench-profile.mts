// `npm run bench:profile`: where a request's time goes, layer by layer. Runs the production build and the
// framework floor (bench/floor) under V8's CPU profiler, loads each route in turn, and writes bench/profile.md:
// milliseconds of CPU per request in Node's HTTP server, server.mjs, the proxy, Next.js, rendering, the route's
// own code and the session check. See docs/performance.md.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { format, resolveConfig } from "prettier";
import { signUp } from "./bench/clients.mts";
import { FLOOR_PAGE, FLOOR_ROUTE, startFloorServer } from "./bench/floor.mts";
import { warmUp } from "./bench/load.mts";
import { LAYERS, profileClock, profileLayers, type Layer } from "./bench/profile-layers.mts";
import { startBenchServer, type BenchServer } from "./bench/server.mts";
import { buildIfStale } from "./server-setup.mts";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "./usage";

const COMMAND = {
  usage: "npm run bench:profile [-- --seconds N --connections N]",
  about:
    "Profiles the production build and the framework floor (bench/floor) while each route is loaded in turn, and writes bench/profile.md: CPU per request in each layer, from Node's HTTP server to the session check.",
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
  },
} satisfies CommandDescription;
const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const [SECONDS, CONNECTIONS] = [values.seconds, values.connections].map(Number) as [number, number];
if (![SECONDS, CONNECTIONS].every((value) => Number.isSafeInteger(value) && value > 0))
  exitWithUsage(COMMAND, "--seconds and --connections must be whole numbers above 0.");
const PROFILES = "/tmp/prof";
const RESULTS = "bench/profile.md";

buildIfStale();
rmSync(PROFILES, { recursive: true, force: true });
const floor = await startFloorServer(3194, { profile: true });
const app = await startBenchServer({ kind: "sqlite", file: path.resolve(".data", "bench-profile.db") }, 3195, {
  profile: true,
});
const cookie = await signUp(app.base, "profile@example.test", "bench password 1");
const builds = new Map([
  [floor, path.join(floor.directory, ".next")],
  [app, path.resolve(".next")],
]);
const routes: { name: string; server: BenchServer; url: string; headers?: Record<string, string> }[] = [
  { name: "The floor's route", server: floor, url: `${floor.base}${FLOOR_ROUTE}` },
  { name: "`GET /api/session` signed out", server: app, url: `${app.base}/api/session` },
  { name: "`GET /api/session` signed in", server: app, url: `${app.base}/api/session`, headers: { cookie } },
  { name: "The floor's page", server: floor, url: `${floor.base}${FLOOR_PAGE}` },
  { name: "`GET /` signed out", server: app, url: `${app.base}/` },
  { name: "`GET /` signed in", server: app, url: `${app.base}/`, headers: { cookie } },
];
const windows: { from: number; to: number; requests: number }[] = [];
for (const route of routes) {
  await warmUp(route.url, route.headers);
  const from = profileClock();
  const result = await autocannon({
    url: route.url,
    headers: route.headers,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  windows.push({ from, to: profileClock(), requests: result.requests.total });
  console.log(`  ${route.name}: ${result.requests.total} requests`);
}
const pids = new Map([floor, app].map((server) => [server, server.pid]));
await floor.stop();
await app.stop();

const profileOf = (server: BenchServer) => {
  const file = readdirSync(PROFILES).find((name) => name.includes(`.${pids.get(server)}.`));
  if (!file) throw new Error(`No CPU profile was written for the server with process id ${pids.get(server)}.`);
  return path.join(PROFILES, file);
};
const layers = routes.map((route, index) =>
  profileLayers(profileOf(route.server), builds.get(route.server)!, windows[index]!, windows[index]!.requests),
);
mkdirSync("bench", { recursive: true });
const options = { ...(await resolveConfig(RESULTS)), parser: "markdown" };
writeFileSync(RESULTS, await format(render(layers), options));
console.log(`Wrote ${RESULTS}.`);

function render(measured: Record<Layer, number>[]) {
  const cell = (ms: number) => (ms < 0.0005 ? "" : ms.toFixed(3));
  const total = (layer: Record<Layer, number>) => Object.values(layer).reduce((sum, ms) => sum + ms, 0);
  return [
    "# Where a request's CPU goes",
    "",
    `Written by \`npm run bench:profile\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}: each route loaded for ${SECONDS} s over ${CONNECTIONS} connections while V8's profiler sampled the server. Milliseconds of CPU per request in each layer (the server's main thread; profiling itself slows every layer alike). docs/performance.md says what each layer holds.`,
    "",
    `| Layer | ${routes.map((route) => route.name).join(" | ")} |`,
    `| --- | ${routes.map(() => "---").join(" | ")} |`,
    ...LAYERS.map((layer) => `| ${layer} | ${measured.map((route) => cell(route[layer])).join(" | ")} |`),
    `| **Total** | ${measured.map((route) => `**${total(route).toFixed(3)}**`).join(" | ")} |`,
    "",
  ].join("\n");
}
