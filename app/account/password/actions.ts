"use server";

import { changePassword } from "@/lib/dal/account";
import { reportFailure } from "@/lib/dal/failures";
import { checkNewPassword } from "@/lib/sign-in/validation";
import { describeFailure, describePasswordRefusal } from "@/app/form-state";

export type PasswordChangeState =
  | { step: "form"; error?: string }
  | { step: "done"; otherSessionsEnded: boolean; sessionsEnded: number; linksEnded: number };

export async function changePasswordAction(
  _previous: PasswordChangeState,
  formData: FormData,
): Promise<PasswordChangeState> {
  const currentPassword = formData.get("currentPassword");
  if (typeof currentPassword !== "string" || currentPassword === "")
    return { step: "form", error: "Enter your current password." };
  const newPassword = checkNewPassword(formData.get("newPassword"), formData.get("confirmNewPassword"));
  if (!newPassword.ok) return { step: "form", error: newPassword.error };
  if (newPassword.value === currentPassword)
    return { step: "form", error: "Choose a password different from the current one." };
  // Ticked unless the user unticks it: after a password change the other sessions end by default.
  const endOthers = formData.get("endOtherSessions") === "yes";

  try {
    const outcome = await changePassword(currentPassword, newPassword.value, { endOthers });
    if (outcome.status !== "changed") {
      return { step: "form", error: describePasswordRefusal(outcome, "Your current password is not correct.") };
    }
    return { step: "done", otherSessionsEnded: endOthers, ...outcome };
  } catch (error) {
    reportFailure("password change", error);
    return { step: "form", error: describeFailure(error) };
  }
}
