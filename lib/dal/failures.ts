import "server-only";
import { unstable_rethrow } from "next/navigation";
import { logFailure } from "@/lib/platform/audit-log";
import { PasswordHashingBusy } from "@/lib/sign-in/password";

/** True when a password check was turned away because too many were waiting: the answer is "try again". */
export function isServerBusy(error: unknown): boolean {
  return error instanceof PasswordHashingBusy;
}

/**
 * Logs an unexpected failure (database down, disk full) by its kind only: error messages can carry
 * query details, so they stay out of the log line, and the user is told nothing internal.
 * Next's own redirects and "not found" travel as thrown values; they pass through untouched, so a
 * `catch` that reports failures never turns "your session has ended" into "service unavailable".
 */
export function reportFailure(during: string, error: unknown) {
  unstable_rethrow(error);
  // Load turned away on purpose is not a failure; during a flood it would bury the real ones.
  if (isServerBusy(error)) return;
  logFailure(during, error);
}
