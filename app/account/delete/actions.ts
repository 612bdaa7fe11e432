"use server";

import { redirect } from "next/navigation";
import { logAuthEvent } from "@/lib/server/audit-log";
import { endCurrentSession, hasRecentAuthentication, requireUser } from "@/lib/server/auth";
import { deleteUser } from "@/lib/server/user";

export async function deleteAccountAction(formData: FormData) {
  const { user, session } = await requireUser();
  if (!(await hasRecentAuthentication(session))) redirect("/account/delete");
  if (formData.get("confirm") !== "yes") redirect("/account/delete?notice=not-confirmed");
  await endCurrentSession("sign-out");
  // The account's other sessions go with it: the foreign key cascades.
  await deleteUser(user.id);
  logAuthEvent("account-deleted", { outcome: "success", userId: user.id });
  redirect("/login?reason=account-deleted");
}
