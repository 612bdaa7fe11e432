"use server";

import { redirect } from "next/navigation";
import { recordAdminAction } from "@/lib/server/admin-audit";
import { hasRecentAuthentication, requireAdmin } from "@/lib/server/auth";
import { clearPolicyOverrides, setPolicyOverrides } from "@/lib/server/policy";
import { endAllUserSessions, endEverySession, endOtherUserSessions } from "@/lib/server/session";
import { findUserById, setUserDisabled } from "@/lib/server/user";

/** Administrators act only with a recently confirmed password; each action checks it again itself. */
async function requireRecentAdmin() {
  const current = await requireAdmin();
  if (!(await hasRecentAuthentication(current.session))) redirect("/admin?notice=confirm-first");
  return current;
}

async function requireTargetUser(formData: FormData) {
  const userId = Number(formData.get("userId"));
  const target = Number.isSafeInteger(userId) ? await findUserById(userId) : null;
  if (!target) redirect("/admin?notice=no-such-user");
  return target;
}

export async function saveTimeoutsAction(formData: FormData) {
  const { user } = await requireRecentAdmin();
  const idleTimeoutSeconds = Number(formData.get("idleTimeoutSeconds"));
  const absoluteTimeoutSeconds = Number(formData.get("absoluteTimeoutSeconds"));
  try {
    await setPolicyOverrides({ idleTimeoutSeconds, absoluteTimeoutSeconds });
  } catch {
    redirect("/admin?notice=invalid-timeouts");
  }
  await recordAdminAction(
    user.email,
    "set-timeouts",
    null,
    `idle ${idleTimeoutSeconds} s, absolute ${absoluteTimeoutSeconds} s`,
  );
  redirect("/admin?notice=timeouts-saved");
}

export async function resetTimeoutsAction() {
  const { user } = await requireRecentAdmin();
  await clearPolicyOverrides();
  await recordAdminAction(user.email, "reset-timeouts");
  redirect("/admin?notice=timeouts-reset");
}

export async function endUserSessionsAction(formData: FormData) {
  const { user, session } = await requireRecentAdmin();
  const target = await requireTargetUser(formData);
  // An administrator ending their own sessions keeps the one they are using.
  const count =
    target.id === user.id
      ? await endOtherUserSessions(user.id, session.id, "revoked-by-admin")
      : await endAllUserSessions(target.id, "revoked-by-admin");
  await recordAdminAction(user.email, "end-user-sessions", target.email, `${count} ended`);
  redirect("/admin?notice=user-sessions-ended");
}

export async function endEverySessionAction() {
  const { user, session } = await requireRecentAdmin();
  const count = await endEverySession("revoked-by-admin", session.id);
  await recordAdminAction(
    user.email,
    "end-every-session",
    null,
    `${count} ended; the acting administrator's own session kept`,
  );
  redirect("/admin?notice=every-session-ended");
}

export async function setUserDisabledAction(formData: FormData) {
  const { user } = await requireRecentAdmin();
  const target = await requireTargetUser(formData);
  const disable = formData.get("disable") === "yes";
  if (target.id === user.id) redirect("/admin?notice=not-yourself");
  await setUserDisabled(target.id, disable);
  const count = disable ? await endAllUserSessions(target.id, "user-disabled") : 0;
  await recordAdminAction(
    user.email,
    disable ? "disable-user" : "enable-user",
    target.email,
    disable ? `${count} sessions ended` : undefined,
  );
  redirect(`/admin?notice=${disable ? "user-disabled" : "user-enabled"}`);
}
