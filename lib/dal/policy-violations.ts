import "server-only";
import { logSecurityEvent } from "@/lib/platform/audit-log";
import { readPolicyViolation } from "@/lib/platform/policy-violations";
import { readClientInfo } from "@/lib/platform/request-info";

/**
 * Logs a browser's report of something the Content-Security-Policy blocked, a few lines a minute per client
 * at most like every other refusal anyone can cause. False when the report is not one.
 */
export async function logPolicyViolation(report: unknown): Promise<boolean> {
  const violation = readPolicyViolation(report);
  if (!violation) return false;
  logSecurityEvent("policy-violation-reported", {
    ...(await readClientInfo()),
    path: violation.page,
    reason: `${violation.directive} blocked ${violation.blocked}`,
  });
  return true;
}
