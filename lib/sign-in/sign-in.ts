import "server-only";
import { redirect } from "next/navigation";
import { recordGuessingStoppedLater, recordSecurityEventLater, recordSignIn } from "@/lib/activity/security-activity";
import { emailLogReference, logAuthEvent, sessionLogReference } from "@/lib/platform/audit-log";
import { readClientInfo, type ClientInfo } from "@/lib/platform/request-info";
import { renewSession, requireUser, startSession } from "@/lib/session/current-session";
import { getSessionPolicy } from "@/lib/session/policy-overrides";
import { isRecentlyAuthenticated } from "@/lib/session/session-policy";
import type { ValidSession } from "@/lib/session/session-store";
import { verifyUserCredentials, verifyUserPassword } from "@/lib/sign-in/accounts";
import { findKnownBrowser, rememberBrowser } from "@/lib/sign-in/known-browsers";
import {
  accountReference,
  beginConfirmationAttempt,
  beginSignInAttempt,
  type PasswordAttempt,
} from "@/lib/sign-in/throttle";

// Proving who you are with a password: signing in, and confirming the password inside a session. The session
// itself is started and renewed by the core (lib/session/current-session.ts); this wing decides when.

/** Why a password was not accepted: wrong, or not even checked because the account or client must wait. */
export type PasswordRefusal = { status: "wrong-password" } | { status: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password and, if right, signs the user in on a new session. A failure is logged
 * with the account it was aimed at (or a keyed hash of an email that has none) and the client. While the
 * account or the client must wait (lib/sign-in/throttle.ts), the password is not checked at all; a browser that has signed
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
    return { ok: true, ...(await signInAs(check.user)) } as const;
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
 * Signs the user in on a brand-new session (the core ends whatever session this browser carried before), then
 * lets this browser count its own wrong passwords for the account from now on and records the sign-in.
 */
export async function signInAs(user: { id: number; email: string }) {
  const { evicted } = await startSession(user.id);
  await rememberBrowser(accountReference(user.email));
  await recordSignIn(user, await readClientInfo());
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
  const { sessionId } = await renewSession(session, user.id);
  return { status: "confirmed", sessionId };
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
