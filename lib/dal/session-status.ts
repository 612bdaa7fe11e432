import "server-only";
import { peekCurrentSession } from "@/lib/session/current-session";
import { signInNoticeFor } from "@/lib/session/end-notices";

export type SessionStatus =
  | { status: "active"; idleExpiresAt: Date; absoluteExpiresAt: Date }
  | { status: "ended"; notice: string }
  | { status: "signed-out" };

/** Whether this browser's session is alive and until when, without counting as activity. */
export async function peekSessionStatus(): Promise<SessionStatus> {
  const current = await peekCurrentSession();
  if (current.status === "valid") {
    const { idleExpiresAt, absoluteExpiresAt } = current.session;
    return { status: "active", idleExpiresAt, absoluteExpiresAt };
  }
  if (current.status === "ended") return { status: "ended", notice: signInNoticeFor(current.reason) };
  return { status: "signed-out" };
}
