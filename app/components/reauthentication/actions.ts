"use server";

import { redirect } from "next/navigation";
import { confirmPassword } from "@/lib/server/dal/authentication";
import { reportFailure } from "@/lib/server/dal/failures";
import { SERVICE_UNAVAILABLE, type FormState } from "@/app/form-state";
import { REAUTHENTICATION_RETURN_PATHS } from "./return-paths";

export async function confirmPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const password = formData.get("password");
  const returnTo = REAUTHENTICATION_RETURN_PATHS.find((path) => path === formData.get("returnTo"));
  if (typeof password !== "string" || password === "" || !returnTo) return { error: "Enter your password." };
  try {
    if (!(await confirmPassword(password))) return { error: "That password is not correct." };
  } catch (error) {
    reportFailure("re-authentication", error);
    return { error: SERVICE_UNAVAILABLE };
  }
  redirect(returnTo);
}
