import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ComplianceReport } from "./compliance/report";
import { readSourceState } from "./compliance/run-info";
import type { TokenAnalysis } from "./token-analysis/analyze";

// The reports `npm run e2e` and `npm run analyze-tokens` leave in reports/, for the demo to show.

async function readReport<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path.resolve("reports", file), "utf8")) as T;
  } catch {
    return null; // not produced yet
  }
}

export function readLatestComplianceReport() {
  return readReport<ComplianceReport>("compliance.json");
}

export function readLatestTokenAnalysis() {
  return readReport<{ source: string; generatedAt: string; analysis: TokenAnalysis }>("token-analysis.json");
}

// The source this server was started from, read once: later edits are not what it runs.
let runningSource: ReturnType<typeof readSourceState> | undefined;

/** Whether the report was made from the same commit and uncommitted changes as the running server. */
export function reportSpeaksForRunningCode(report: ComplianceReport) {
  runningSource ??= readSourceState();
  return (
    report.run?.sourceFingerprint === runningSource.sourceFingerprint && runningSource.sourceFingerprint !== "unknown"
  );
}
