"use server";

import { logAuthEvent } from "@/lib/server/audit-log";
import { reauthenticate, requireUser } from "@/lib/server/auth";
import { reportFailure } from "@/lib/server/failures";
import { changeEmail } from "@/lib/server/user";
import { checkEmail } from "@/lib/validation";
import { SERVICE_UNAVAILABLE } from "@/app/form-state";

export type EmailChangeState = { error?: string; changedTo?: string; email?: string };

/** Changing the sign-in email is a full re-authentication: the password is checked here and now. */
export async function changeEmailAction(_previous: EmailChangeState, formData: FormData): Promise<EmailChangeState> {
  const { user } = await requireUser();
  const email = checkEmail(formData.get("email"));
  if (!email.ok) return { error: email.error };
  const password = formData.get("password");
  if (typeof password !== "string" || password === "")
    return { error: "Enter your current password.", email: email.value };
  if (email.value === user.email) return { error: "That is already your email address.", email: email.value };

  try {
    if ((await reauthenticate(password)) === null)
      return { error: "Your current password is not correct.", email: email.value };
    if (!(await changeEmail(user.id, email.value))) {
      return { error: "This email cannot be used. Choose another one.", email: email.value };
    }
  } catch (error) {
    reportFailure("email change", error);
    return { error: SERVICE_UNAVAILABLE, email: email.value };
  }
  logAuthEvent("email-changed", { outcome: "success", userId: user.id });
  return { changedTo: email.value };
}
