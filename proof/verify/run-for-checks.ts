import type { Target } from "./target";
import type { Stamp } from "./verify-report";

// How `npm run verify` hands the run to the checks' runner, fixtures and reporter: the target, what it saw of it
// before any check ran, and where to write.

const RUN_ENV = "VERIFY_RUN";

/** `filter`: the --grep that chose some checks only, which makes the run partial. */
export type RunForChecks = { target: Target; stamp: Stamp; outputDirectory: string; filter: string | null };

export function describeRunForChecks(run: RunForChecks): Record<string, string> {
  return { [RUN_ENV]: JSON.stringify(run) };
}

export function readRunForChecks(): RunForChecks {
  const described = process.env[RUN_ENV];
  if (!described) throw new Error("No target: run the checks through `npm run verify -- URL`.");
  return JSON.parse(described) as RunForChecks;
}

export const readTarget = () => readRunForChecks().target;
