"use server";

import { redirect } from "next/navigation";
import { signUp } from "@/lib/dal/authentication";
import { reportFailure } from "@/lib/dal/failures";
import { checkEmail, checkNewPassword } from "@/lib/sign-in/validation";
import { describeWait } from "@/lib/sign-in/throttle-message";
import { describeFailure, type FormState } from "@/app/form-state";

const EMAIL_UNAVAILABLE = "An account could not be created with this email. If it is yours, sign in instead.";

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = checkEmail(formData.get("email"));
  if (!email.ok) return { error: email.error };
  const password = checkNewPassword(formData.get("password"), formData.get("confirmPassword"));
  if (!password.ok) return { error: password.error, email: email.value };

  let evicted = 0;
  try {
    const signedUp = await signUp(email.value, password.value);
    if (!signedUp.ok) {
      const error = signedUp.reason === "throttled" ? describeWait(signedUp.retryAfterSeconds) : EMAIL_UNAVAILABLE;
      return { error, email: email.value };
    }
    ({ evicted } = signedUp);
  } catch (error) {
    reportFailure("sign-up", error);
    return { error: describeFailure(error), email: email.value };
  }
  // A fixed notice word, only when the sign-in ended an older session to stay within the limit.
  redirect(evicted > 0 ? "/account?notice=sessions-limit" : "/account");
}
