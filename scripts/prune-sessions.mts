// `npm run sessions:prune [-- --retention-days N]`: one session cleanup (lib/operations/cleanup.ts) on the
// database DATABASE_URL names. Runs with the react-server condition so it can use the app's server modules.
import { subscribeActivityToSessions } from "@/lib/activity/session-listener";
import { db } from "@/lib/platform/db";
import { pruneSessions } from "@/lib/operations/cleanup";
import { SESSION_CLEANUP_POLICY, readSessionCleanupSettings } from "@/lib/session/cleanup-policy";
import { describeFailure, exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";

const { retentionDays: rule } = SESSION_CLEANUP_POLICY;
const COMMAND = {
  usage: "npm run sessions:prune [-- --retention-days N]",
  about: `Ends the sessions that passed their idle or absolute limit without being presented again, then deletes the sessions that ended more than N days ago (${rule.env}, ${rule.default} by default) and the programs' device requests that were redeemed or expired, ${SESSION_CLEANUP_POLICY.batchSize} rows per statement. Works on the database DATABASE_URL names.`,
  options: { "retention-days": { type: "string" } },
} satisfies CommandDescription;

const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
let retentionDays: number;
try {
  const fromOption = values["retention-days"];
  retentionDays = readSessionCleanupSettings(
    fromOption === undefined ? process.env : { ...process.env, [rule.env]: fromOption },
  ).retentionDays;
} catch (error) {
  exitWithUsage(COMMAND, (error as Error).message.replace(rule.env, "--retention-days"));
}

// Sessions it ends show on their owners' security activity, as when the server ends them.
subscribeActivityToSessions();
try {
  const { ended, deleted, deviceRequestsDeleted, milliseconds } = await pruneSessions({ retentionDays });
  console.log(
    `Ended ${ended} sessions past their limits and deleted ${deleted} that ended over ${retentionDays} days ago, and ${deviceRequestsDeleted} finished device requests (${milliseconds} ms).`,
  );
} catch (error) {
  console.error(`The cleanup failed: ${describeFailure(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
