"use server";

import { redirect } from "next/navigation";
import { confirmPassword } from "@/lib/dal/authentication";
import { reportFailure } from "@/lib/dal/failures";
import { describeFailure, describePasswordRefusal, type FormState } from "@/app/form-state";
import { REAUTHENTICATION_RETURN_PATHS } from "./return-paths";

export async function confirmPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const password = formData.get("password");
  const returnTo = REAUTHENTICATION_RETURN_PATHS.find((path) => path === formData.get("returnTo"));
  if (typeof password !== "string" || password === "" || !returnTo) return { error: "Enter your password." };
  try {
    const confirmation = await confirmPassword(password);
    if (confirmation.status !== "confirmed") {
      return { error: describePasswordRefusal(confirmation, "That password is not correct.") };
    }
  } catch (error) {
    reportFailure("re-authentication", error);
    return { error: describeFailure(error) };
  }
  redirect(returnTo);
}
