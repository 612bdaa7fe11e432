import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ComplianceReport } from "@/lib/compliance/report";
import type { TokenAnalysis } from "@/lib/token-analysis/analyze";

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
