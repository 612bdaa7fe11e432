"use server";

import { changePassword, endOtherSessionsAndLinks } from "@/lib/server/dal/account";
import { reportFailure } from "@/lib/server/dal/failures";
import { checkNewPassword } from "@/lib/validation";
import { SERVICE_UNAVAILABLE } from "@/app/form-state";

export type PasswordChangeState =
  | { step: "form"; error?: string }
  | { step: "ask-about-other-sessions" }
  | { step: "done"; otherSessionsEnded: boolean; count: number; linksEnded: number };

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

  try {
    if ((await changePassword(currentPassword, newPassword.value)) === "wrong-password") {
      return { step: "form", error: "Your current password is not correct." };
    }
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
  if (formData.get("answer") !== "yes") return { step: "done", otherSessionsEnded: false, count: 0, linksEnded: 0 };
  // The password change just re-authenticated this session; an answer given much later must confirm again.
  const { sessions, links } = await endOtherSessionsAndLinks();
  return { step: "done", otherSessionsEnded: true, count: sessions, linksEnded: links };
}
