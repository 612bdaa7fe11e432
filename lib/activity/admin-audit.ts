import "server-only";
import { logAuthEvent } from "@/lib/platform/audit-log";
import { db } from "@/lib/platform/db";

/** Who did what to whom: kept in the database for the admin page, and logged. */
export async function recordAdminAction(
  actorEmail: string,
  action: string,
  targetEmail?: string | null,
  detail?: string,
) {
  await db.auditEvent.create({
    data: { actorEmail, action, targetEmail: targetEmail ?? null, detail: detail ?? null },
  });
  logAuthEvent("admin-action", { outcome: "success", reason: action, ...(detail ? { detail } : {}) });
}

export async function listRecentAdminActions(limit = 20) {
  return db.auditEvent.findMany({ orderBy: { id: "desc" }, take: limit });
}
