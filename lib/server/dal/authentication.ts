import "server-only";
import { logAuthEvent } from "@/lib/server/audit-log";
import { endCurrentSession, reauthenticate, signInWithPassword, startSession } from "@/lib/server/auth";
import { deleteSessionCookie } from "@/lib/server/session-cookie";
import { createUser } from "@/lib/server/user";
import { reportFailure } from "./failures";

/** Signs in with an email and password. `evicted` counts older sessions the per-user limit ended. */
export async function signIn(email: string, password: string): Promise<{ ok: true; evicted: number } | { ok: false }> {
  const signedIn = await signInWithPassword(email, password);
  return signedIn.ok ? { ok: true, evicted: signedIn.evicted } : { ok: false };
}

/** Creates an account and signs it in, or says that the email cannot be used. */
export async function signUp(
  email: string,
  password: string,
): Promise<{ ok: true; evicted: number } | { ok: false; reason: "email-taken" }> {
  const user = await createUser(email, password);
  if (!user) {
    // Sign-up cannot hide that an address is registered without an email round trip; see docs/decisions/003.
    logAuthEvent("sign-up", { outcome: "failure", reason: "email-taken" });
    return { ok: false, reason: "email-taken" };
  }
  logAuthEvent("sign-up", { outcome: "success", userId: user.id });
  const { evicted } = await startSession(user.id);
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
export async function confirmPassword(password: string): Promise<boolean> {
  return (await reauthenticate(password)) !== null;
}
