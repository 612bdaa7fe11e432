// What the security activity page says about each kind of event. Kept as data so that the page, the
// notices, the emails and the tests read the same words.

export const SECURITY_EVENT_KINDS = {
  "account-created": "Account created",
  "signed-in": "Signed in",
  "sign-in-failed": "Sign-in refused: wrong password",
  "password-confirmation-failed": "Password confirmation refused: wrong password",
  "account-locked":
    "Password guessing stopped: sign-ins from browsers new to this account paused after too many wrong passwords; browsers you have signed in with still work",
  "browser-locked": "Sign-ins from one browser you have used paused after too many wrong passwords",
  "session-locked": "Password confirmations in one session paused after too many wrong passwords",
  "unlocked-by-admin": "An administrator cleared the count of wrong passwords",
  "session-renewed": "Password confirmed; the session got a new token",
  "signed-out": "Signed out",
  "session-ended": "Session ended",
  "session-expired": "Session expired",
  "session-used-elsewhere": "Session used from another device or network than the one it was signed in on",
  "password-changed": "Password changed",
  "email-changed": "Sign-in email changed",
} as const;

export type SecurityEventKind = keyof typeof SECURITY_EVENT_KINDS;

/** Why a session ended, in words, for the reasons worth explaining next to "Session ended" or "expired". */
export const SESSION_END_DETAILS: Record<string, string> = {
  "idle-timeout": "inactive for too long",
  "absolute-timeout": "reached its maximum lifetime",
  "revoked-by-user": "ended from another session",
  "revoked-by-admin": "ended by an administrator",
  "user-disabled": "the account was disabled",
  evicted: "too many sessions at once; the least recently used one ended",
  "replaced-by-sign-in": "a new sign-in in the same browser replaced it",
};

export const NEW_DEVICE = "new-device";

/** The line a person reads for one event. */
export function describeSecurityEvent(kind: string, detail: string | null): string {
  const what = SECURITY_EVENT_KINDS[kind as SecurityEventKind] ?? kind;
  if (detail === NEW_DEVICE) return `${what} from a device not seen before`;
  const why = detail ? SESSION_END_DETAILS[detail] : undefined;
  return why ? `${what}: ${why}` : what;
}
