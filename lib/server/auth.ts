import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { signInNoticeFor } from "@/lib/session-end-notices";
import { isRecentlyAuthenticated } from "@/lib/session-policy";
import { emailLogReference, logAuthEvent, logSecurityEvent, sessionLogReference } from "./audit-log";
import { getSessionPolicy } from "./policy-overrides";
import { readClientInfo } from "./request-info";
import { recordGuessingStoppedLater, recordSecurityEventLater, recordSignIn } from "./security-activity";
import {
  type ClientInfo,
  createSession,
  endSessionByToken,
  rotateSession,
  validateSessionToken,
  type SessionEndReason,
  type ValidSession,
} from "./session";
import { REFUSED, deleteSessionCookie, readSessionToken, setSessionCookie, unsealSessionToken } from "./session-cookie";
import { findKnownBrowser, rememberBrowser } from "./known-browsers";
import { accountReference, beginConfirmationAttempt, beginSignInAttempt, type PasswordAttempt } from "./throttle";
import { verifyUserCredentials, verifyUserPassword } from "./user";

// Who is asking: the session behind this request's cookie. The data access layer (./dal) builds on this.

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

/**
 * The public id of the live session a cookie belongs to, or null: for the proxy, which throttles password
 * confirmations per session before the page's action runs. It decides nothing else and counts as no activity.
 */
export async function findSessionPublicId(sealed: string | undefined): Promise<string | null> {
  const token = sealed ? await unsealSessionToken(sealed) : null;
  if (!token) return null;
  const current = await validateSessionToken(token, { activity: false });
  return current.status === "valid" ? current.session.publicId : null;
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

/** Why a password was not accepted: wrong, or not even checked because the account or client must wait. */
export type PasswordRefusal = { status: "wrong-password" } | { status: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password and, if right, signs the user in on a new session. A failure is logged
 * with the account it was aimed at (or a keyed hash of an email that has none) and the client. While the
 * account or the client must wait (./throttle), the password is not checked at all; a browser that has signed
 * in to the account before waits only for its own wrong passwords.
 */
export async function signInWithPassword(email: string, password: string) {
  const client = await readClientInfo();
  const knownBrowser = await findKnownBrowser(accountReference(email));
  const attempt = await beginSignInAttempt({ email, ipAddress: client.ipAddress, knownBrowser });
  if (attempt.throttled) {
    logAuthEvent("sign-in-throttled", { outcome: "failure", emailRef: emailLogReference(email), ...client });
    return { ok: false, retryAfterSeconds: attempt.retryAfterSeconds } as const;
  }
  const check = await verifyUserCredentials(email, password).catch(abandon(attempt));
  if (check.ok) {
    await attempt.succeeded();
    return { ok: true, ...(await startSession(check.user)) } as const;
  }
  const { locked } = await attempt.failed();
  if (check.reason === "wrong-password") {
    recordWrongPassword(check.userId, "sign-in-failed", client, locked && (knownBrowser ? "browser" : "account"));
  }
  // The email's reference on every failure, so attempts on one account correlate whether or not it exists.
  const account = { emailRef: emailLogReference(email), ...("userId" in check ? { userId: check.userId } : {}) };
  const from = knownBrowser ? { detail: "known browser" } : {};
  logAuthEvent("sign-in-failed", { outcome: "failure", reason: check.reason, ...account, ...client, ...from });
  return { ok: false } as const;
}

/**
 * Signs the user in on a brand-new session. Whatever session this browser carried before is
 * ended first, so a cookie planted before sign-in can never become the signed-in session.
 * Returns how many older sessions the per-user limit ended.
 */
export async function startSession(user: { id: number; email: string }) {
  const userId = user.id;
  const previousToken = await readSessionToken();
  if (typeof previousToken === "string") await endSessionByToken(previousToken, "replaced-by-sign-in");
  const client = await readClientInfo();
  const { token, session, evicted } = await createSession(userId, client);
  await setSessionCookie(token, session.absoluteExpiresAt);
  await rememberBrowser(accountReference(user.email));
  await recordSignIn(user, client);
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
 * working) and opens the re-authentication window. Throttled per session on the sign-in schedule, so a stolen
 * cookie guesses no faster than a stranger, and no stranger's guesses keep the owner from confirming.
 */
export async function reauthenticate(
  password: string,
): Promise<{ status: "confirmed"; sessionId: number } | PasswordRefusal> {
  const { user, session } = await requireUser();
  const sessionRef = sessionLogReference(session.tokenHash);
  const client = await readClientInfo();
  const attempt = await beginConfirmationAttempt(session.publicId);
  if (attempt.throttled) {
    logAuthEvent("re-authentication-throttled", { outcome: "failure", userId: user.id, sessionRef, ...client });
    return { status: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  }
  if (!(await verifyUserPassword(user.id, password).catch(abandon(attempt)))) {
    const { locked } = await attempt.failed();
    recordWrongPassword(user.id, "password-confirmation-failed", client, locked && "session");
    const emailRef = emailLogReference(user.email);
    logAuthEvent("re-authentication-failed", { outcome: "failure", userId: user.id, emailRef, sessionRef, ...client });
    return { status: "wrong-password" };
  }
  await attempt.succeeded();
  const rotated = await rotateSession(session, user.id, client);
  await setSessionCookie(rotated.token, rotated.session.absoluteExpiresAt);
  logAuthEvent("re-authentication", {
    outcome: "success",
    userId: user.id,
    sessionRef: sessionLogReference(rotated.session.tokenHash),
  });
  return { status: "confirmed", sessionId: rotated.session.id };
}

/**
 * The owner sees every wrong password on the security activity page, and what a lock stopped: the account's
 * checks for browsers it does not know (a notice, and an email), or one browser's or one session's.
 */
function recordWrongPassword(
  userId: number,
  kind: "sign-in-failed" | "password-confirmation-failed",
  client: ClientInfo,
  locked: false | "account" | "browser" | "session",
) {
  recordSecurityEventLater({ userId, kind, client });
  if (locked === "account") recordGuessingStoppedLater(userId, client);
  else if (locked) recordSecurityEventLater({ userId, kind: `${locked}-locked`, client });
}

/** For a check that threw (hashing busy, database down): the attempt is given back, the error goes on. */
function abandon(attempt: PasswordAttempt) {
  return async (error: unknown): Promise<never> => {
    await attempt.abandoned().catch(() => {});
    throw error;
  };
}

/** Ends this browser's session on the server and clears its cookie. */
export async function endCurrentSession(reason: SessionEndReason) {
  const token = await readSessionToken();
  await deleteSessionCookie();
  if (typeof token === "string") await endSessionByToken(token, reason);
}
