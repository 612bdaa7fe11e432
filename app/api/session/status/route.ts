import { peekCurrentSession } from "@/lib/server/auth";
import { reportFailure } from "@/lib/server/failures";
import { signInNoticeFor } from "@/lib/session-end-notices";

const NO_STORE = { "Cache-Control": "no-store" };

export type SessionStatus =
  | { status: "active"; serverTime: string; idleExpiresAt: string; absoluteExpiresAt: string }
  | { status: "ended"; serverTime: string; reason: string }
  | { status: "signed-out"; serverTime: string };

/** Whether this browser's session is still alive and until when. Asking is not activity. */
export async function GET() {
  const serverTime = new Date().toISOString();
  let current;
  try {
    current = await peekCurrentSession();
  } catch (error) {
    reportFailure("session status", error);
    return Response.json({ error: "Service unavailable." }, { status: 503, headers: NO_STORE });
  }
  const body: SessionStatus =
    current.status === "valid"
      ? {
          status: "active",
          serverTime,
          idleExpiresAt: current.session.idleExpiresAt.toISOString(),
          absoluteExpiresAt: current.session.absoluteExpiresAt.toISOString(),
        }
      : current.status === "ended"
        ? { status: "ended", serverTime, reason: signInNoticeFor(current.reason) }
        : { status: "signed-out", serverTime };
  return Response.json(body, { headers: NO_STORE });
}
