// Runs once when the server starts: refuse to serve with a missing or broken configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnConfigurationProblems } = await import("@/lib/server/configuration");
  exitOnConfigurationProblems();
}
