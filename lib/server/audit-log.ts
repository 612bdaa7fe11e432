import "server-only";
import { createHmac } from "node:crypto";
import { deriveKeyFromSecret } from "./secrets";

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
  | "malformed-request-refused";

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

// Per event and client address, and per event overall: enough to see an attack, too few to flood the log.
const SECURITY_LOG_WINDOW_MS = 60_000;
const SECURITY_LINES_PER_CLIENT = 5;
const SECURITY_LINES_PER_EVENT = 100;
const securityLogWindows = new Map<string, { startedAt: number; lines: number; suppressed: number }>();

/**
 * One JSON line per refusal, at most a few a minute per client address and per event; each line says how
 * many were left out before it. The address is whatever the request claims, so a global cap backs it up.
 */
export function logSecurityEvent(
  event: SecurityEvent,
  fields: ClientFields & { path?: string; reason?: string },
  now = Date.now(),
) {
  const perClient = countInWindow(`${event} ${fields.ipAddress ?? "unknown"}`, SECURITY_LINES_PER_CLIENT, now);
  const perEvent = countInWindow(event, SECURITY_LINES_PER_EVENT, now);
  if (!perClient.allowed || !perEvent.allowed) return;
  const suppressedBefore = perClient.suppressed + perEvent.suppressed;
  console.log(
    JSON.stringify({ time: new Date(now).toISOString(), kind: "security", event, ...fields, suppressedBefore }),
  );
}

function countInWindow(key: string, limit: number, now: number) {
  let window = securityLogWindows.get(key);
  if (!window || now - window.startedAt >= SECURITY_LOG_WINDOW_MS) {
    window = { startedAt: now, lines: 0, suppressed: window?.suppressed ?? 0 };
    securityLogWindows.set(key, window);
  }
  if (window.lines >= limit) {
    window.suppressed++;
    return { allowed: false, suppressed: 0 };
  }
  window.lines++;
  const suppressed = window.suppressed;
  window.suppressed = 0;
  return { allowed: true, suppressed };
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
