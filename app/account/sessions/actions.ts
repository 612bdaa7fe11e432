"use server";

import { notFound, redirect } from "next/navigation";
import { endOtherSessions, endSession } from "@/lib/dal/account";

export async function revokeSessionAction(formData: FormData) {
  const publicId = formData.get("publicId");
  // Another user's session, an unknown id and this very session all look the same: not found.
  if (typeof publicId !== "string" || !(await endSession(publicId))) notFound();
  redirect("/account/sessions?notice=revoked");
}

export async function signOutOtherSessionsAction() {
  await endOtherSessions();
  redirect("/account/sessions?notice=others-ended");
}
