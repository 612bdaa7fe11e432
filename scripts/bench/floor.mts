// The framework floor: bench/floor/, a Next.js app with one JSON route handler and one plain page, built and
// served with `next start` as Next.js ships it, on the project's own node_modules (so the same version). What the
// app's routes cost is measured against it, in the same run.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchServer } from "./server.mts";
import { buildNextApp, serveNextApp, stopServer, waitForServer } from "./server.mts";

export const FLOOR_ROUTE = "/api/hello";
export const FLOOR_PAGE = "/";

/** `profile` writes the server's CPU profile to /tmp/prof when it stops, as startBenchServer's does. */
export async function startFloorServer(
  port: number,
  { profile = false } = {},
): Promise<BenchServer & { directory: string }> {
  const directory = copyFloorApp();
  // The build stays until this process exits, for whoever reads the server's profile against its source maps.
  process.on("exit", () => rmSync(directory, { recursive: true, force: true }));
  buildNextApp(directory);
  const env = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  const { child, base } = serveNextApp(directory, port, env, { profile });
  await waitForServer(`${base}${FLOOR_ROUTE}`, child);
  return { base, env, pid: child.pid!, directory, stop: () => stopServer(child) };
}

// Built where no file of the project can be seen: inside the project, Next.js would take the project's own
// instrumentation.ts for the floor's. node_modules comes along as hard links, which cost no copying.
function copyFloorApp() {
  const directory = mkdtempSync(path.join(tmpdir(), "sessionproof-floor-"));
  cpSync(path.resolve("bench", "floor"), directory, { recursive: true });
  const linked = spawnSync("cp", ["-al", path.resolve("node_modules"), directory]);
  if (linked.status !== 0)
    cpSync(path.resolve("node_modules"), path.join(directory, "node_modules"), { recursive: true });
  return directory;
}
