import "server-only";
import { createHmac } from "node:crypto";
import { readSealingSecrets } from "./secrets";

export type AuthEvent =
  | "sign-up"
  | "sign-in"
  | "sign-in-failed"
  | "re-authentication"
  | "re-authentication-failed"
  | "session-ended"
  | "password-changed"
  | "email-changed"
  | "account-deleted"
  | "admin-action";

type AuthEventFields = {
  outcome: "success" | "failure";
  userId?: number;
  /** A keyed hash that correlates a session's log lines; see sessionLogReference. */
  sessionRef?: string;
  reason?: string;
  detail?: string;
  count?: number;
};

/**
 * One JSON line per authentication event on stdout, for whatever collects the server's logs.
 * Never pass a token, a cookie, a password or an unkeyed hash of one of them.
 */
export function logAuthEvent(event: AuthEvent, fields: AuthEventFields) {
  console.log(JSON.stringify({ time: new Date().toISOString(), kind: "auth", event, ...fields }));
}

let referenceKey: Buffer | undefined;

/**
 * How logs name a session: an HMAC of the stored token hash under a key derived from the sealing
 * secret. Lines about one session share it; without the secret it cannot be tied to a database row,
 * and nothing in it helps rebuild the token.
 */
export function sessionLogReference(tokenHash: string): string {
  if (!referenceKey) {
    const secrets = readSealingSecrets();
    const newest = secrets[Math.max(...Object.keys(secrets).map(Number))]!;
    referenceKey = createHmac("sha256", newest).update("sessionproof log reference").digest();
  }
  return createHmac("sha256", referenceKey).update(tokenHash).digest("hex").slice(0, 16);
}
