import "server-only";
import { emailLogReference, logAuthEvent } from "@/lib/platform/audit-log";
import { endCurrentSession } from "@/lib/session/current-session";
import { reauthenticate, signInWithPassword, type PasswordRefusal, signInAs } from "@/lib/sign-in/sign-in";
import { readClientInfo } from "@/lib/platform/request-info";
import { recordSecurityEvent } from "@/lib/activity/security-activity";
import { deleteSessionCookie } from "@/lib/session/session-cookie";
import { countSignUpAttempt } from "@/lib/sign-in/throttle";
import { createUser } from "@/lib/sign-in/accounts";
import { reportFailure } from "@/lib/dal/failures";

export type { PasswordRefusal };

/**
 * Signs in with an email and password. `evicted` counts older sessions the per-user limit ended;
 * `retryAfterSeconds` says how long a throttled client must wait before its password is checked again.
 */
export async function signIn(
  email: string,
  password: string,
): Promise<{ ok: true; evicted: number } | { ok: false; retryAfterSeconds?: number }> {
  const signedIn = await signInWithPassword(email, password);
  if (signedIn.ok) return { ok: true, evicted: signedIn.evicted };
  return "retryAfterSeconds" in signedIn ? { ok: false, retryAfterSeconds: signedIn.retryAfterSeconds } : { ok: false };
}

/** Creates an account and signs it in, or says that the email cannot be used or the client must wait. */
export async function signUp(
  email: string,
  password: string,
): Promise<
  | { ok: true; evicted: number }
  | { ok: false; reason: "email-taken" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
> {
  const client = await readClientInfo();
  const throttled = await countSignUpAttempt(client.ipAddress);
  if (throttled) {
    logAuthEvent("sign-up-throttled", { outcome: "failure", emailRef: emailLogReference(email), ...client });
    return { ok: false, reason: "throttled", retryAfterSeconds: throttled.retryAfterSeconds };
  }
  const user = await createUser(email, password);
  if (!user) {
    // Sign-up cannot hide that an address is registered without an email round trip; see docs/decisions/003.
    logAuthEvent("sign-up", { outcome: "failure", reason: "email-taken" });
    return { ok: false, reason: "email-taken" };
  }
  logAuthEvent("sign-up", { outcome: "success", userId: user.id });
  await recordSecurityEvent({ userId: user.id, kind: "account-created", client });
  const { evicted } = await signInAs(user);
  return { ok: true, evicted };
}

/**
 * Ends this browser's session. With the database down the browser still forgets it, the server refuses
 * it from now on, and the answer says the sign-out is not yet recorded (docs/decisions/006).
 */
export async function signOut(): Promise<"signed-out" | "sign-out-incomplete"> {
  try {
    await endCurrentSession("sign-out");
    return "signed-out";
  } catch (error) {
    reportFailure("sign-out", error);
    await deleteSessionCookie();
    return "sign-out-incomplete";
  }
}

/**
 * Confirms the signed-in viewer's password for a sensitive action; the session gets a new token.
 * Redirects to the sign-in page when the session has ended in the meantime.
 */
export async function confirmPassword(password: string): Promise<{ status: "confirmed" } | PasswordRefusal> {
  const confirmation = await reauthenticate(password);
  return confirmation.status === "confirmed" ? { status: "confirmed" } : confirmation;
}
