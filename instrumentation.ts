// Runs once when the server starts: refuse to serve with a missing or broken configuration, then start the
// session cleanup if a schedule is set (SESSION_PRUNE_INTERVAL_MINUTES).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnConfigurationProblems } = await import("@/lib/server/configuration");
  exitOnConfigurationProblems();
  const { scheduleSessionPruning } = await import("@/lib/server/session-cleanup");
  scheduleSessionPruning();
}
