import "server-only";
import { requireRecentlyAuthenticatedUser } from "@/lib/sign-in/sign-in";
import { listRecentAdminActions, recordAdminAction } from "@/lib/activity/admin-audit";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session/current-session";
import { getSessionPolicy, readPolicyOverrides } from "@/lib/session/policy-overrides";
import { clearPolicyOverrides, saveTimeoutOverrides } from "@/lib/session/timeout-overrides";
import {
  countLiveSessionsByUser,
  endAllUserSessions,
  endEverySession as endEverySessionInStore,
  endOtherUserSessions,
} from "@/lib/session/session-store";
import { endEveryProgramLink, endUserProgramLinks } from "@/lib/programs/program-links";
import { recordSecurityEvent } from "@/lib/activity/security-activity";
import { clearAccountLock } from "@/lib/sign-in/throttle";
import { findUserById, listUsers, setUserDisabled } from "@/lib/sign-in/accounts";
import type { PolicyProblem } from "@/lib/session/session-policy";

// Administrators' tools. Reading needs the administrator role; every change also needs a recently
// confirmed password, checked again by each function itself.

const CONFIRM_AT = "/admin";

/** Administrators only; everyone else sees the same "not found" as for a page that does not exist. */
async function requireAdmin() {
  const current = await requireUser();
  if (current.user.role !== "admin") notFound();
  return current;
}

/** For the administration page itself. */
export async function requireAdministrator(): Promise<void> {
  await requireAdmin();
}

function requireActingAdministrator() {
  return requireRecentlyAuthenticatedUser(CONFIRM_AT, requireAdmin);
}

export type AdministrationOverview = {
  timeouts: { idleTimeoutSeconds: number; absoluteTimeoutSeconds: number; setByAdministrator: boolean };
  users: { id: number; email: string; role: string; disabled: boolean; liveSessions: number; isYou: boolean }[];
  recentActions: {
    id: number;
    at: Date;
    actorEmail: string;
    action: string;
    targetEmail: string | null;
    detail: string | null;
  }[];
};

export async function readAdministrationOverview(): Promise<AdministrationOverview> {
  const { user: you } = await requireAdmin();
  const [policy, overrides, users, liveCounts, actions] = await Promise.all([
    getSessionPolicy(),
    readPolicyOverrides(),
    listUsers(),
    countLiveSessionsByUser(),
    listRecentAdminActions(),
  ]);
  return {
    timeouts: {
      idleTimeoutSeconds: policy.idleTimeoutSeconds,
      absoluteTimeoutSeconds: policy.absoluteTimeoutSeconds,
      setByAdministrator: Object.keys(overrides).length > 0,
    },
    users: users.map((user) => ({
      id: user.id,
      email: user.email,
      role: user.role,
      disabled: user.disabledAt !== null,
      liveSessions: liveCounts.get(user.id) ?? 0,
      isYou: user.id === you.id,
    })),
    recentActions: actions.map((action) => ({
      id: action.id,
      at: action.createdAt,
      actorEmail: action.actorEmail,
      action: action.action,
      targetEmail: action.targetEmail,
      detail: action.detail,
    })),
  };
}

/** Stores new timeouts when they keep every bound of the session policy; otherwise says why and stores nothing. */
export async function saveTimeouts(timeouts: {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
}): Promise<{ ok: true } | { ok: false; problems: PolicyProblem[] }> {
  const { user } = await requireActingAdministrator();
  const saved = await saveTimeoutOverrides(timeouts);
  if (!saved.ok) return saved;
  const detail = `idle ${timeouts.idleTimeoutSeconds} s, absolute ${timeouts.absoluteTimeoutSeconds} s`;
  await recordAdminAction(user.email, "set-timeouts", null, detail);
  return saved;
}

export async function resetTimeouts() {
  const { user } = await requireActingAdministrator();
  await clearPolicyOverrides();
  await recordAdminAction(user.email, "reset-timeouts");
}

/** Ends a user's sessions; an administrator ending their own keeps the one they are using. Null: no such user. */
export async function endSessionsOfUser(userId: number): Promise<number | null> {
  const { user, session } = await requireActingAdministrator();
  const target = await findUserById(userId);
  if (!target) return null;
  const count =
    target.id === user.id
      ? await endOtherUserSessions(user.id, session.id, "revoked-by-admin")
      : await endAllUserSessions(target.id, "revoked-by-admin");
  await endUserProgramLinks(target.id, "revoked-by-admin");
  await recordAdminAction(user.email, "end-user-sessions", target.email, `${count} ended`);
  return count;
}

/**
 * Clears a user's count of wrong passwords, so sign-ins from browsers the account does not know are checked
 * again at once. The owner hears of it on their security activity page. False: no such user.
 */
export async function unlockUser(userId: number): Promise<boolean> {
  const { user } = await requireActingAdministrator();
  const target = await findUserById(userId);
  if (!target) return false;
  await clearAccountLock(target.email);
  await recordSecurityEvent({ userId: target.id, kind: "unlocked-by-admin", notice: true });
  await recordAdminAction(user.email, "unlock", target.email);
  return true;
}

/** Ends every session of every user but the acting administrator's own. */
export async function endEverySession(): Promise<number> {
  const { user, session } = await requireActingAdministrator();
  const count = await endEverySessionInStore("revoked-by-admin", session.id);
  await endEveryProgramLink("revoked-by-admin");
  await recordAdminAction(
    user.email,
    "end-every-session",
    null,
    `${count} ended; the acting administrator's own session kept`,
  );
  return count;
}

/** Disables a user (ending their sessions) or enables them again. Administrators cannot disable themselves. */
export async function setUserAccess(
  userId: number,
  disable: boolean,
): Promise<"done" | "no-such-user" | "not-yourself"> {
  const { user } = await requireActingAdministrator();
  const target = await findUserById(userId);
  if (!target) return "no-such-user";
  if (target.id === user.id) return "not-yourself";
  await setUserDisabled(target.id, disable);
  const count = disable ? await endAllUserSessions(target.id, "user-disabled") : 0;
  if (disable) await endUserProgramLinks(target.id, "user-disabled");
  const detail = disable ? `${count} sessions ended` : undefined;
  await recordAdminAction(user.email, disable ? "disable-user" : "enable-user", target.email, detail);
  return "done";
}
