import "server-only";
import { compareLastUse } from "@/lib/activity/device";
import { logAuthEvent } from "@/lib/platform/audit-log";
import { endCurrentSession, requireUser } from "@/lib/session/current-session";
import { reauthenticate, type PasswordRefusal, requireRecentlyAuthenticatedUser } from "@/lib/sign-in/sign-in";
import { endUserProgramLinks } from "@/lib/programs/program-links";
import { readClientInfo } from "@/lib/platform/request-info";
import {
  dismissNotices as dismissStoredNotices,
  listOpenNotices,
  listSecurityEvents,
  recordAccountChange,
} from "@/lib/activity/security-activity";
import { endOtherUserSessions, endUserSession, listLiveSessions } from "@/lib/session/session-store";
import { rememberBrowser } from "@/lib/sign-in/known-browsers";
import { accountReference } from "@/lib/sign-in/throttle";
import { changeEmail as storeEmail, changePassword as storePassword, deleteUser } from "@/lib/sign-in/accounts";

// What a signed-in user does to their own account. Each function finds the user from the request's own
// session, so no caller can name another account.

/** Changing the sign-in email is a full re-authentication: the password is checked here and now. */
export async function changeEmail(
  newEmail: string,
  password: string,
): Promise<{ status: "changed" } | { status: "same-email" } | { status: "email-unavailable" } | PasswordRefusal> {
  const { user } = await requireUser();
  if (newEmail === user.email) return { status: "same-email" };
  const confirmation = await reauthenticate(password);
  if (confirmation.status !== "confirmed") return confirmation;
  if (!(await storeEmail(user.id, newEmail))) return { status: "email-unavailable" };
  logAuthEvent("email-changed", { outcome: "success", userId: user.id });
  // The throttle names accounts by their email: this browser stays known under the new one.
  await rememberBrowser(accountReference(newEmail));
  // The notice goes to the old address too: if a thief changed it, the owner still hears of it.
  await recordAccountChange(user, "email-changed", await readClientInfo(), newEmail);
  return { status: "changed" };
}

/**
 * Checking the current password is a re-authentication: the session gets a new token. Unless the user
 * keeps them, the other sessions and every program link end too; the password just confirmed is the
 * re-authentication that ending sessions asks for.
 */
export async function changePassword(
  currentPassword: string,
  newPassword: string,
  { endOthers }: { endOthers: boolean },
): Promise<{ status: "changed"; sessionsEnded: number; linksEnded: number } | PasswordRefusal> {
  const { user } = await requireUser();
  const confirmation = await reauthenticate(currentPassword);
  if (confirmation.status !== "confirmed") return confirmation;
  await storePassword(user.id, newPassword);
  logAuthEvent("password-changed", { outcome: "success", userId: user.id });
  await recordAccountChange(user, "password-changed", await readClientInfo());
  if (!endOthers) return { status: "changed", sessionsEnded: 0, linksEnded: 0 };
  const sessionsEnded = await endOtherUserSessions(user.id, confirmation.sessionId, "revoked-by-user");
  const linksEnded = await endUserProgramLinks(user.id, "password-changed");
  return { status: "changed", sessionsEnded, linksEnded };
}

export type SessionListItem = {
  publicId: string;
  userAgent: string | null;
  ipAddress: string | null;
  /** Where the session was last used (written at most once per "last seen" interval). */
  lastIpAddress: string | null;
  lastUserAgent: string | null;
  /** The last use came from another browser or system, or another broad network, than the sign-in. */
  otherDevice: boolean;
  otherNetwork: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  isCurrent: boolean;
};

/** The viewer's live sessions, most recently active first. */
export async function listSessions(): Promise<SessionListItem[]> {
  const { user, session } = await requireUser();
  const rows = await listLiveSessions(user.id);
  // listLiveSessions selects only what may be shown; nothing secret to strip.
  return rows.map((row) => ({
    ...row,
    ...compareLastUse(row, { ipAddress: row.lastIpAddress, userAgent: row.lastUserAgent }),
    isCurrent: row.publicId === session.publicId,
  }));
}

/** One of the viewer's own live sessions; any other id, another user's included, is null. */
export async function findSession(publicId: string): Promise<SessionListItem | null> {
  return (await listSessions()).find((row) => row.publicId === publicId) ?? null;
}

/** Ends one of the viewer's other sessions; false for this session, another user's or an unknown id. */
export async function endSession(publicId: string): Promise<boolean> {
  const { user, session } = await requireRecentlyAuthenticatedUser("/account/sessions");
  if (publicId === session.publicId) return false;
  return endUserSession(user.id, publicId, "revoked-by-user");
}

/** Ends every session of the viewer but this one; needs a recent password confirmation. */
export async function endOtherSessions(): Promise<number> {
  const { user, session } = await requireRecentlyAuthenticatedUser("/account/sessions");
  return endOtherUserSessions(user.id, session.id, "revoked-by-user");
}

/** Ends every session of the viewer, this one included, and every program link. */
export async function signOutEverywhere() {
  await endOtherSessions();
  const { user } = await requireUser();
  await endUserProgramLinks(user.id, "signed-out-everywhere");
  await endCurrentSession("sign-out");
}

/** Deletes the viewer's account; its sessions and program links go with it (the foreign keys cascade). */
export async function deleteAccount() {
  const { user } = await requireRecentlyAuthenticatedUser("/account/delete");
  await endCurrentSession("sign-out");
  await deleteUser(user.id);
  logAuthEvent("account-deleted", { outcome: "success", userId: user.id });
}

export type SecurityEventItem = Awaited<ReturnType<typeof listSecurityEvents>>[number];

/** The viewer's own security activity, newest first. */
export async function listSecurityActivity(): Promise<SecurityEventItem[]> {
  const { user } = await requireUser();
  return listSecurityEvents(user.id);
}

/** Sign-ins from a new kind of device and changes to how the account signs in, until dismissed. */
export async function listNotices(): Promise<SecurityEventItem[]> {
  const { user } = await requireUser();
  return listOpenNotices(user.id);
}

export async function dismissNotices() {
  const { user } = await requireUser();
  await dismissStoredNotices(user.id);
}
