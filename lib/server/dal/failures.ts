import "server-only";
import { unstable_rethrow } from "next/navigation";

/**
 * Logs an unexpected failure (database down, disk full) by its kind only: error messages can carry
 * query details, so they stay out of the log line, and the user is told nothing internal.
 * Next's own redirects and "not found" travel as thrown values; they pass through untouched, so a
 * `catch` that reports failures never turns "your session has ended" into "service unavailable".
 */
export function reportFailure(during: string, error: unknown) {
  unstable_rethrow(error);
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  console.error(JSON.stringify({ time: new Date().toISOString(), kind: "failure", during, error: kind, code }));
}
