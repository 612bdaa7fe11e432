import "server-only";
import { createHmac } from "node:crypto";
import { logSecurityEvent as logLimitedSecurityEvent } from "@/lib/platform/security-log.mjs";
import { deriveKeyFromSecret } from "@/lib/platform/secrets";

export type AuthEvent =
  | "sign-up"
  | "sign-in"
  | "sign-in-failed"
  | "sign-in-throttled"
  | "sign-up-throttled"
  | "re-authentication"
  | "re-authentication-failed"
  | "re-authentication-throttled"
  | "session-ended"
  | "password-changed"
  | "email-changed"
  | "account-deleted"
  | "admin-action"
  | "program-linked"
  | "program-link-ended"
  | "refresh-token-reused";

/** Refusals anyone on the internet can cause: logged, but never more than a few lines a minute. */
export type SecurityEvent =
  | "session-cookie-refused"
  | "cross-site-request-refused"
  | "access-token-refused"
  | "throttled-post-refused"
  | "policy-violation-reported"
  // Logged by server.mjs (lib/platform/security-log.mjs), before Next.js sees the request.
  | "malformed-request-refused"
  | "slow-request-cut-off"
  | "connection-refused";

type ClientFields = { ipAddress?: string | null; userAgent?: string | null };

type AuthEventFields = ClientFields & {
  outcome: "success" | "failure";
  userId?: number;
  /** For a failed sign-in with an email that has no account: see emailLogReference. */
  emailRef?: string;
  /** A keyed hash that correlates a session's log lines; see sessionLogReference. */
  sessionRef?: string;
  /** A program link's public id (not a credential). */
  linkId?: string;
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

/**
 * One JSON line for an unexpected failure, by its kind and code only: error messages can carry query
 * details or addresses, so they stay out of the log.
 */
export function logFailure(during: string, error: unknown) {
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  console.error(JSON.stringify({ time: new Date().toISOString(), kind: "failure", during, error: kind, code }));
}

/**
 * One JSON line per refusal, at most a few a minute per client address and per event (lib/platform/security-log.mjs, which
 * server.mjs shares); each line says how many were left out before it.
 */
export function logSecurityEvent(
  event: SecurityEvent,
  fields: ClientFields & { path?: string; reason?: string },
  now = Date.now(),
) {
  logLimitedSecurityEvent(event, fields, now);
}

let referenceKey: Buffer | undefined;

function logReferenceKey() {
  return (referenceKey ??= deriveKeyFromSecret("log reference"));
}

/**
 * How logs name a session: an HMAC of the stored token hash under a key derived from the sealing
 * secret. Lines about one session share it; without the secret it cannot be tied to a database row,
 * and nothing in it helps rebuild the token.
 */
export function sessionLogReference(tokenHash: string): string {
  return createHmac("sha256", logReferenceKey()).update(tokenHash).digest("hex").slice(0, 16);
}

/**
 * How logs name an email that has no account (a failed sign-in): attempts on one address share it, and
 * without the secret the address cannot be read back from the log.
 */
export function emailLogReference(email: string): string {
  return createHmac("sha256", logReferenceKey()).update(`email:${email}`).digest("hex").slice(0, 16);
}
