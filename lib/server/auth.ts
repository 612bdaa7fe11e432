import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { logAuthEvent } from "./audit-log";
import { readClientInfo } from "./request-info";
import { createSession, endSessionByToken, validateSessionToken, type SessionEndReason } from "./session";
import { deleteSessionCookie, readSessionToken, setSessionCookie } from "./session-cookie";

// The data access layer: every page, server action and route handler asks here who is signed in.

/** Once per request, however many components ask. */
export const getCurrentSession = cache(async () => {
  const token = await readSessionToken();
  if (!token) return { status: "none" } as const;
  return validateSessionToken(token);
});

/** The signed-in user and session, or a redirect to the sign-in page that says why. */
export async function requireUser() {
  const current = await getCurrentSession();
  if (current.status === "valid") return current;
  redirect(current.status === "ended" ? `/login?reason=${signInReason(current.reason)}` : "/login");
}

/**
 * Signs the user in on a brand-new session. Whatever session this browser carried before is
 * ended first, so a cookie planted before sign-in can never become the signed-in session.
 */
export async function startSession(userId: number) {
  const previousToken = await readSessionToken();
  if (previousToken) await endSessionByToken(previousToken, "replaced-by-sign-in");
  const { token, session } = await createSession(userId, await readClientInfo());
  await setSessionCookie(token, session.absoluteExpiresAt);
  logAuthEvent("sign-in", { outcome: "success", userId, session: session.publicId });
}

/** Ends this browser's session on the server and clears its cookie. */
export async function endCurrentSession(reason: SessionEndReason) {
  const token = await readSessionToken();
  if (token) await endSessionByToken(token, reason);
  await deleteSessionCookie();
}

// The sign-in page's notice; the reason is a fixed word, never anything from the session.
function signInReason(reason: SessionEndReason) {
  if (reason === "idle-timeout") return "idle";
  if (reason === "absolute-timeout") return "expired";
  return "ended";
}
