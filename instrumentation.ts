// Runs once when the server starts: refuse to serve with a missing or broken configuration, let the owner's
// security activity hear about sessions ending, then start the session cleanup if a schedule is set
// (SESSION_PRUNE_INTERVAL_MINUTES).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnConfigurationProblems } = await import("@/lib/operations/configuration");
  exitOnConfigurationProblems();
  const { subscribeActivityToSessions } = await import("@/lib/activity/session-listener");
  subscribeActivityToSessions();
  const { scheduleSessionPruning } = await import("@/lib/operations/cleanup");
  scheduleSessionPruning();
}
