import "server-only";

export type AuthEvent =
  | "sign-up"
  | "sign-in"
  | "sign-in-failed"
  | "session-ended";

type AuthEventFields = {
  outcome: "success" | "failure";
  userId?: number;
  /** The session's public id: it identifies the session without being able to act as it. */
  session?: string;
  reason?: string;
};

/**
 * One JSON line per authentication event on stdout, for whatever collects the server's logs.
 * Never pass a token, a cookie, a password or a hash of one of them.
 */
export function logAuthEvent(event: AuthEvent, fields: AuthEventFields) {
  console.log(JSON.stringify({ time: new Date().toISOString(), kind: "auth", event, ...fields }));
}
