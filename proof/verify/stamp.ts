import type { Stamp } from "./verify-report";

// How `npm run verify` hands what it saw of the target, and where to write, to the checks' runner and reporter.

const STAMP_ENV = "VERIFY_STAMP";

/** `filter`: the --grep that chose some checks only, which makes the run partial. */
export type StampForChecks = { stamp: Stamp; outputDirectory: string; filter: string | null };

export function describeStampForChecks(described: StampForChecks): Record<string, string> {
  return { [STAMP_ENV]: JSON.stringify(described) };
}

export function readStamp(): StampForChecks {
  const described = process.env[STAMP_ENV];
  if (!described) throw new Error("No stamp: run the checks through `npm run verify -- URL`.");
  return JSON.parse(described) as StampForChecks;
}
