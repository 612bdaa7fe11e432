"use server";

import { redirect } from "next/navigation";
import { logAuthEvent } from "@/lib/server/audit-log";
import { hasRecentAuthentication, reauthenticate, requireUser } from "@/lib/server/auth";
import { reportFailure } from "@/lib/server/failures";
import { endOtherUserSessions } from "@/lib/server/session";
import { changePassword } from "@/lib/server/user";
import { checkNewPassword } from "@/lib/validation";
import { SERVICE_UNAVAILABLE } from "@/app/form-state";

export type PasswordChangeState =
  | { step: "form"; error?: string }
  | { step: "ask-about-other-sessions" }
  | { step: "done"; otherSessionsEnded: boolean; count: number };

export async function changePasswordAction(
  _previous: PasswordChangeState,
  formData: FormData,
): Promise<PasswordChangeState> {
  const { user } = await requireUser();
  const currentPassword = formData.get("currentPassword");
  if (typeof currentPassword !== "string" || currentPassword === "")
    return { step: "form", error: "Enter your current password." };
  const newPassword = checkNewPassword(formData.get("newPassword"), formData.get("confirmNewPassword"));
  if (!newPassword.ok) return { step: "form", error: newPassword.error };
  if (newPassword.value === currentPassword)
    return { step: "form", error: "Choose a password different from the current one." };

  try {
    // Checking the current password is a re-authentication: the session gets a new token.
    const sessionId = await reauthenticate(currentPassword);
    if (sessionId === null) return { step: "form", error: "Your current password is not correct." };
    await changePassword(user.id, newPassword.value);
    logAuthEvent("password-changed", { outcome: "success", userId: user.id });
  } catch (error) {
    reportFailure("password change", error);
    return { step: "form", error: SERVICE_UNAVAILABLE };
  }
  return { step: "ask-about-other-sessions" };
}

/** The user's answer to "sign out all other sessions?", asked right after the change. */
export async function answerOtherSessionsAction(
  _previous: PasswordChangeState,
  formData: FormData,
): Promise<PasswordChangeState> {
  const { user, session } = await requireUser();
  if (formData.get("answer") !== "yes") return { step: "done", otherSessionsEnded: false, count: 0 };
  // The password change just re-authenticated this session; an answer given much later must confirm again.
  if (!(await hasRecentAuthentication(session))) redirect("/account/sessions?notice=confirm-first");
  const count = await endOtherUserSessions(user.id, session.id, "revoked-by-user");
  return { step: "done", otherSessionsEnded: true, count };
}
