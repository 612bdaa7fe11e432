import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { signInNoticeFor } from "@/lib/session-end-notices";
import { isRecentlyAuthenticated } from "@/lib/session-policy";
import { emailLogReference, logAuthEvent, logSecurityEvent, sessionLogReference } from "./audit-log";
import { getSessionPolicy } from "./policy-overrides";
import { readClientInfo } from "./request-info";
import {
  createSession,
  endSessionByToken,
  rotateSession,
  validateSessionToken,
  type SessionEndReason,
  type ValidSession,
} from "./session";
import { REFUSED, deleteSessionCookie, readSessionToken, setSessionCookie } from "./session-cookie";
import { verifyUserCredentials, verifyUserPassword } from "./user";

// Who is asking: the session behind this request's cookie. The data access layer (./dal) builds on this.

/** Once per request, however many components ask. */
export const getCurrentSession = cache(async () => {
  const token = await readSessionToken();
  if (token === null) return { status: "none" } as const;
  if (token === REFUSED) return refuseCookie("the cookie does not open");
  const current = await validateSessionToken(token);
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

/** Administrators only; everyone else sees the same "not found" as for a page that does not exist. */
export async function requireAdmin() {
  const current = await requireUser();
  if (current.user.role !== "admin") notFound();
  return current;
}

/**
 * A sensitive action's gate: the caller (`who` finds them: any signed-in user unless it says otherwise)
 * without a recent password confirmation goes back to `confirmAt` to confirm.
 */
export async function requireRecentlyAuthenticatedUser(confirmAt: string, who = requireUser) {
  const current = await who();
  if (!(await hasRecentAuthentication(current.session))) redirect(`${confirmAt}?notice=confirm-first`);
  return current;
}

export async function hasRecentAuthentication(session: ValidSession) {
  return isRecentlyAuthenticated(session.authenticatedAt, await getSessionPolicy(), new Date());
}

/**
 * Checks an email and password and, if right, signs the user in on a new session. A failure is logged
 * with the account it was aimed at (or a keyed hash of an email that has none) and the client.
 */
export async function signInWithPassword(email: string, password: string) {
  const check = await verifyUserCredentials(email, password);
  if (check.ok) return { ok: true, ...(await startSession(check.user.id)) } as const;
  const account = "userId" in check ? { userId: check.userId } : { emailRef: emailLogReference(email) };
  logAuthEvent("sign-in-failed", { outcome: "failure", reason: check.reason, ...account, ...(await readClientInfo()) });
  return { ok: false } as const;
}

/**
 * Signs the user in on a brand-new session. Whatever session this browser carried before is
 * ended first, so a cookie planted before sign-in can never become the signed-in session.
 * Returns how many older sessions the per-user limit ended.
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
 * Confirms the signed-in user's password and, if right, replaces the session token (the old one stops
 * working) and opens the re-authentication window. Returns the new session's id, or null for a wrong
 * password.
 */
export async function reauthenticate(password: string): Promise<number | null> {
  const { user, session } = await requireUser();
  const sessionRef = sessionLogReference(session.tokenHash);
  if (!(await verifyUserPassword(user.id, password))) {
    logAuthEvent("re-authentication-failed", {
      outcome: "failure",
      userId: user.id,
      sessionRef,
      ...(await readClientInfo()),
    });
    return null;
  }
  const rotated = await rotateSession(session, user.id, await readClientInfo());
  await setSessionCookie(rotated.token, rotated.session.absoluteExpiresAt);
  logAuthEvent("re-authentication", {
    outcome: "success",
    userId: user.id,
    sessionRef: sessionLogReference(rotated.session.tokenHash),
  });
  return rotated.session.id;
}

/** Ends this browser's session on the server and clears its cookie. */
export async function endCurrentSession(reason: SessionEndReason) {
  const token = await readSessionToken();
  await deleteSessionCookie();
  if (typeof token === "string") await endSessionByToken(token, reason);
}
