import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { signInNoticeFor } from "@/lib/session-end-notices";
import { isRecentlyAuthenticated } from "@/lib/session-policy";
import { logAuthEvent, sessionLogReference } from "./audit-log";
import { getSessionPolicy } from "./policy";
import { readClientInfo } from "./request-info";
import {
  createSession,
  endSessionByToken,
  rotateSession,
  validateSessionToken,
  type SessionEndReason,
  type ValidSession,
} from "./session";
import { deleteSessionCookie, readSessionToken, setSessionCookie } from "./session-cookie";
import { verifyUserPassword } from "./user";

// The data access layer: every page, server action and route handler asks here who is signed in.

/** Once per request, however many components ask. */
export const getCurrentSession = cache(async () => {
  const token = await readSessionToken();
  if (!token) return { status: "none" } as const;
  return validateSessionToken(token);
});

/** Looks at this browser's session without counting as activity (the countdown in the header polls this). */
export async function peekCurrentSession() {
  const token = await readSessionToken();
  if (!token) return { status: "none" } as const;
  return validateSessionToken(token, { activity: false });
}

/** The signed-in user and session, or a redirect to the sign-in page that says why. */
export async function requireUser() {
  const current = await getCurrentSession();
  if (current.status === "valid") return current;
  redirect(current.status === "ended" ? `/login?reason=${signInNoticeFor(current.reason)}` : "/login");
}

/** Administrators only; everyone else sees the same "not found" as for a page that does not exist. */
export async function requireAdmin() {
  const current = await requireUser();
  if (current.user.role !== "admin") notFound();
  return current;
}

export async function hasRecentAuthentication(session: ValidSession) {
  return isRecentlyAuthenticated(session.authenticatedAt, await getSessionPolicy(), new Date());
}

/**
 * Signs the user in on a brand-new session. Whatever session this browser carried before is
 * ended first, so a cookie planted before sign-in can never become the signed-in session.
 * Returns how many older sessions the per-user limit ended.
 */
export async function startSession(userId: number) {
  const previousToken = await readSessionToken();
  if (previousToken) await endSessionByToken(previousToken, "replaced-by-sign-in");
  const { token, session, evicted } = await createSession(userId, await readClientInfo());
  await setSessionCookie(token, session.absoluteExpiresAt);
  logAuthEvent("sign-in", { outcome: "success", userId, sessionRef: sessionLogReference(session.tokenHash) });
  return { evicted };
}

/**
 * Confirms the signed-in user's password and, if right, replaces the session token (the old one stops
 * working) and opens the re-authentication window. Returns the new session's id, or null for a wrong
 * password.
 */
export async function reauthenticate(password: string): Promise<number | null> {
  const { user, session } = await requireUser();
  const sessionRef = sessionLogReference(session.tokenHash);
  if (!(await verifyUserPassword(user.id, password))) {
    logAuthEvent("re-authentication-failed", { outcome: "failure", userId: user.id, sessionRef });
    return null;
  }
  const rotated = await rotateSession(session, user.id, await readClientInfo());
  await setSessionCookie(rotated.token, rotated.session.absoluteExpiresAt);
  logAuthEvent("re-authentication", { outcome: "success", userId: user.id, sessionRef: sessionLogReference(rotated.session.tokenHash) });
  return rotated.session.id;
}

/** Ends this browser's session on the server and clears its cookie. */
export async function endCurrentSession(reason: SessionEndReason) {
  const token = await readSessionToken();
  if (token) await endSessionByToken(token, reason);
  await deleteSessionCookie();
}
