"use server";

import { redirect } from "next/navigation";
import { deleteAccount } from "@/lib/server/dal/account";

export async function deleteAccountAction(formData: FormData) {
  if (formData.get("confirm") !== "yes") redirect("/account/delete?notice=not-confirmed");
  await deleteAccount();
  redirect("/login?reason=account-deleted");
}
