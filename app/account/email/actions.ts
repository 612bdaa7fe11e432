"use server";

import { changeEmail } from "@/lib/dal/account";
import { reportFailure } from "@/lib/dal/failures";
import { checkEmail } from "@/lib/sign-in/validation";
import { describeFailure, describePasswordRefusal } from "@/app/form-state";

export type EmailChangeState = { error?: string; changedTo?: string; email?: string };

const REFUSALS = {
  "same-email": "That is already your email address.",
  "email-unavailable": "This email cannot be used. Choose another one.",
} as const;

export async function changeEmailAction(_previous: EmailChangeState, formData: FormData): Promise<EmailChangeState> {
  const email = checkEmail(formData.get("email"));
  if (!email.ok) return { error: email.error };
  const password = formData.get("password");
  if (typeof password !== "string" || password === "") {
    return { error: "Enter your current password.", email: email.value };
  }
  try {
    const outcome = await changeEmail(email.value, password);
    if (outcome.status === "changed") return { changedTo: email.value };
    const error =
      outcome.status === "same-email" || outcome.status === "email-unavailable"
        ? REFUSALS[outcome.status]
        : describePasswordRefusal(outcome, "Your current password is not correct.");
    return { error, email: email.value };
  } catch (error) {
    reportFailure("email change", error);
    return { error: describeFailure(error), email: email.value };
  }
}
