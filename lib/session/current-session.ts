import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { logAuthEvent, logSecurityEvent, sessionLogReference } from "@/lib/platform/audit-log";
import { readClientInfo } from "@/lib/platform/request-info";
import { signInNoticeFor } from "@/lib/session/end-notices";
import { REFUSED, deleteSessionCookie, readSessionToken, setSessionCookie } from "@/lib/session/session-cookie";
import {
  createSession,
  endSessionByToken,
  rotateSession,
  validateSessionToken,
  type SessionEndReason,
  type ValidSession,
} from "@/lib/session/session-store";

// Who is asking: the session behind this request's cookie, and the three moments that change it (a session
// started, renewed, ended). How a user proves who they are is not decided here: the sign-in wing checks a
// password and then calls startSession. The data access layer (lib/dal) builds on this.

/** Once per request, however many components ask. */
export const getCurrentSession = cache(async () => {
  const token = await readSessionToken();
  if (token === null) return { status: "none" } as const;
  if (token === REFUSED) return refuseCookie("the cookie does not open");
  const current = await validateSessionToken(token, { client: await readClientInfo() });
  return current.status === "none" ? refuseCookie("no such session") : current;
});

async function refuseCookie(reason: string) {
  logSecurityEvent("session-cookie-refused", { ...(await readClientInfo()), reason });
  return { status: "none" } as const;
}

/** Looks at this browser's session without counting as activity (the countdown in the header polls this). */
export async function peekCurrentSession() {
  const token = await readSessionToken();
  if (token === null || token === REFUSED) return { status: "none" } as const;
  return validateSessionToken(token, { activity: false });
}

/** The signed-in user and session, or a redirect to the sign-in page that says why. */
export async function requireUser() {
  const current = await getCurrentSession();
  if (current.status === "valid") return current;
  redirect(current.status === "ended" ? `/login?reason=${signInNoticeFor(current.reason)}` : "/login");
}

/**
 * Starts a brand-new session for a user whose identity the caller has just checked. Whatever session this
 * browser carried before is ended first, so a cookie planted before sign-in can never become the signed-in
 * session. Returns how many older sessions the per-user limit ended.
 */
export async function startSession(userId: number) {
  const previousToken = await readSessionToken();
  if (typeof previousToken === "string") await endSessionByToken(previousToken, "replaced-by-sign-in");
  const client = await readClientInfo();
  const { token, session, evicted } = await createSession(userId, client);
  await setSessionCookie(token, session.absoluteExpiresAt);
  logAuthEvent("sign-in", {
    outcome: "success",
    userId,
    sessionRef: sessionLogReference(session.tokenHash),
    ...client,
  });
  return { evicted };
}

/**
 * A new token for this browser's session once the caller has confirmed the user again: the old token stops
 * working at once and the re-authentication window opens.
 */
export async function renewSession(current: ValidSession, userId: number) {
  const rotated = await rotateSession(current, userId, await readClientInfo());
  await setSessionCookie(rotated.token, rotated.session.absoluteExpiresAt);
  logAuthEvent("re-authentication", {
    outcome: "success",
    userId,
    sessionRef: sessionLogReference(rotated.session.tokenHash),
  });
  return { sessionId: rotated.session.id };
}

/** Ends this browser's session on the server and clears its cookie. */
export async function endCurrentSession(reason: SessionEndReason) {
  const token = await readSessionToken();
  await deleteSessionCookie();
  if (typeof token === "string") await endSessionByToken(token, reason);
}
