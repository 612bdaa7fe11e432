import "server-only";

/**
 * Logs an unexpected failure (database down, disk full) by its kind only: error messages can carry
 * query details, so they stay out of the log line, and the user is told nothing internal.
 */
export function reportFailure(during: string, error: unknown) {
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  console.error(JSON.stringify({ time: new Date().toISOString(), kind: "failure", during, error: kind, code }));
}
