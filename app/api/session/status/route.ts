import { reportFailure } from "@/lib/dal/failures";
import { peekSessionStatus } from "@/lib/dal/session-status";

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
    current = await peekSessionStatus();
  } catch (error) {
    reportFailure("session status", error);
    return Response.json({ error: "Service unavailable." }, { status: 503, headers: NO_STORE });
  }
  const body: SessionStatus =
    current.status === "active"
      ? {
          status: "active",
          serverTime,
          idleExpiresAt: current.idleExpiresAt.toISOString(),
          absoluteExpiresAt: current.absoluteExpiresAt.toISOString(),
        }
      : current.status === "ended"
        ? { status: "ended", serverTime, reason: current.notice }
        : { status: "signed-out", serverTime };
  return Response.json(body, { headers: NO_STORE });
}
