"use server";

import { notFound, redirect } from "next/navigation";
import { endCurrentSession, hasRecentAuthentication, requireUser } from "@/lib/server/auth";
import { endOtherUserSessions, endUserSession } from "@/lib/server/session";

/** Ending sessions needs a recently confirmed password; every action checks it again itself. */
async function requireRecentlyAuthenticatedUser() {
  const current = await requireUser();
  if (!(await hasRecentAuthentication(current.session))) redirect("/account/sessions?notice=confirm-first");
  return current;
}

export async function revokeSessionAction(formData: FormData) {
  const { user, session } = await requireRecentlyAuthenticatedUser();
  const publicId = formData.get("publicId");
  // Another user's session, an unknown id and this very session all look the same: not found.
  if (typeof publicId !== "string" || publicId === session.publicId) notFound();
  if (!(await endUserSession(user.id, publicId, "revoked-by-user"))) notFound();
  redirect("/account/sessions?notice=revoked");
}

export async function signOutOtherSessionsAction() {
  const { user, session } = await requireRecentlyAuthenticatedUser();
  await endOtherUserSessions(user.id, session.id, "revoked-by-user");
  redirect("/account/sessions?notice=others-ended");
}

export async function signOutEverywhereAction() {
  const { user, session } = await requireRecentlyAuthenticatedUser();
  await endOtherUserSessions(user.id, session.id, "revoked-by-user");
  await endCurrentSession("sign-out");
  redirect("/login?reason=signed-out");
}
