import "server-only";
import { readSessionCleanupSettings, type SessionCleanupSettings } from "@/lib/session/cleanup-policy";
import { logFailure } from "@/lib/platform/audit-log";
import { deleteFinishedDeviceAuthorizations } from "@/lib/programs/device-authorizations";
import { deleteSessionsEndedBefore, endAbandonedSessions } from "@/lib/session/session-store";

export type PruneResult = { ended: number; deleted: number; deviceRequestsDeleted: number; milliseconds: number };

/**
 * One cleanup: ends the sessions that passed a limit unseen, then deletes those ended before the retention
 * period, and the programs' device requests that were redeemed or expired long ago. Safe to run on several
 * instances at once: each row is ended once and deleted once.
 */
export async function pruneSessions(
  { retentionDays }: Pick<SessionCleanupSettings, "retentionDays">,
  now = new Date(),
): Promise<PruneResult> {
  const started = performance.now();
  const ended = await endAbandonedSessions(now);
  const deleted = await deleteSessionsEndedBefore(new Date(now.getTime() - retentionDays * 24 * 3600 * 1000));
  const deviceRequestsDeleted = await deleteFinishedDeviceAuthorizations(now);
  return { ended, deleted, deviceRequestsDeleted, milliseconds: Math.round(performance.now() - started) };
}

/** With SESSION_PRUNE_INTERVAL_MINUTES set, runs the cleanup that often in this process, never twice at once. */
export function scheduleSessionPruning(env: NodeJS.ProcessEnv = process.env) {
  const settings = readSessionCleanupSettings(env);
  if (!settings.intervalMinutes) return;
  let running = false;
  const prune = async () => {
    if (running) return;
    running = true;
    try {
      const result = await pruneSessions(settings);
      console.log(JSON.stringify({ time: new Date().toISOString(), kind: "sessions-pruned", ...result }));
    } catch (error) {
      logFailure("session cleanup", error);
    } finally {
      running = false;
    }
  };
  // Not holding the process open: the server's own sockets do that.
  setInterval(prune, settings.intervalMinutes * 60_000).unref();
}
