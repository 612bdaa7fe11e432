import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ComplianceReport } from "@/lib/compliance/report";

/** The report the last `npm run e2e` wrote, or null before the first run. */
export async function readLatestComplianceReport(): Promise<ComplianceReport | null> {
  try {
    return JSON.parse(await readFile(path.resolve("reports", "compliance.json"), "utf8")) as ComplianceReport;
  } catch {
    return null;
  }
}
