// Why a session ended, as the sign-in page explains it. The URL carries only one of these fixed words,
// never anything taken from the session.

export const SIGN_IN_NOTICES = {
  idle: "You were signed out because the session was inactive for too long. Please sign in again.",
  expired: "Your session reached its maximum lifetime, which cannot be extended. Please sign in again.",
  "signed-out": "You have signed out. The session has been ended on the server.",
  "signed-out-elsewhere": "This session was signed out from another device or browser. Please sign in again.",
  revoked: "An administrator ended your session. Please sign in again.",
  evicted:
    "You signed in on more devices than the limit allows, so this least recently used session was ended. Please sign in again.",
  "account-deleted": "Your account has been deleted, and all of its sessions have ended.",
  "sign-out-incomplete":
    "This browser has forgotten your session, but the server could not confirm the sign-out because the database could not be reached. The session is refused from now on and will be ended for good as soon as the database is back.",
  ended: "Your session has ended. Please sign in again.",
} as const;

export type SignInNotice = keyof typeof SIGN_IN_NOTICES;

const NOTICE_FOR_END_REASON: Record<string, SignInNotice> = {
  "idle-timeout": "idle",
  "absolute-timeout": "expired",
  "sign-out": "signed-out",
  "revoked-by-user": "signed-out-elsewhere",
  "revoked-by-admin": "revoked",
  "user-disabled": "revoked",
  evicted: "evicted",
};

export function signInNoticeFor(endReason: string): SignInNotice {
  return NOTICE_FOR_END_REASON[endReason] ?? "ended";
}

export function isSignInNotice(value: string | undefined): value is SignInNotice {
  return value !== undefined && Object.hasOwn(SIGN_IN_NOTICES, value);
}
