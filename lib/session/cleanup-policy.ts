import { SESSION_BATCH_SIZE } from "@/lib/session/session-policy";

/**
 * Cleanup of the session table (docs/decisions/012): open sessions past a limit that nobody presented again
 * are ended as if they had been, then sessions ended longer ago than the retention are deleted, a batch at a
 * time. Run by `npm run sessions:prune`, and by every instance on a schedule when one is set.
 */
export const SESSION_CLEANUP_POLICY = {
  // Ended sessions stay this long for the sign-in page's "why" and for investigations.
  retentionDays: { env: "SESSION_RETENTION_DAYS", default: 30, min: 1, max: 3650 },
  // Unset: no schedule, only the command.
  intervalMinutes: { env: "SESSION_PRUNE_INTERVAL_MINUTES", min: 1, max: 7 * 24 * 60 },
  batchSize: SESSION_BATCH_SIZE,
} as const;

export type SessionCleanupSettings = { retentionDays: number; intervalMinutes: number | null };

/** SESSION_RETENTION_DAYS and SESSION_PRUNE_INTERVAL_MINUTES, checked; an error names the variable at fault. */
export function readSessionCleanupSettings(env: NodeJS.ProcessEnv = process.env): SessionCleanupSettings {
  const read = (rule: { env: string; min: number; max: number }) => {
    const raw = env[rule.env]?.trim();
    if (!raw) return null;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
      throw new Error(`${rule.env}: a whole number from ${rule.min} to ${rule.max} (got "${raw}").`);
    }
    return value;
  };
  const { retentionDays, intervalMinutes } = SESSION_CLEANUP_POLICY;
  return { retentionDays: read(retentionDays) ?? retentionDays.default, intervalMinutes: read(intervalMinutes) };
}
