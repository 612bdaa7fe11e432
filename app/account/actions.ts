"use server";

import { redirect } from "next/navigation";
import { dismissNotices } from "@/lib/dal/account";

export async function dismissNoticesAction() {
  await dismissNotices();
  redirect("/account");
}
