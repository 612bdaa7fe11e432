"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/dal/authentication";
import { reportFailure } from "@/lib/dal/failures";
import { checkEmail, checkSubmittedPassword } from "@/lib/sign-in/validation";
import { describeWait } from "@/lib/sign-in/throttle-message";
import { describeFailure, type FormState } from "@/app/form-state";

// One message for every failure, so the form never tells whether an account exists.
const SIGN_IN_FAILED = "Incorrect email or password.";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = checkEmail(formData.get("email"));
  if (!email.ok) return { error: email.error };
  const password = checkSubmittedPassword(formData.get("password"));
  if (!password.ok) return { error: password.error, email: email.value };

  let evicted = 0;
  try {
    const signedIn = await signIn(email.value, password.value);
    if (!signedIn.ok) {
      const error = signedIn.retryAfterSeconds ? describeWait(signedIn.retryAfterSeconds) : SIGN_IN_FAILED;
      return { error, email: email.value };
    }
    ({ evicted } = signedIn);
  } catch (error) {
    reportFailure("sign-in", error);
    return { error: describeFailure(error), email: email.value };
  }
  // A fixed notice word, only when the sign-in ended an older session to stay within the limit.
  redirect(evicted > 0 ? "/account?notice=sessions-limit" : "/account");
}
