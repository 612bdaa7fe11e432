"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { reportFailure } from "@/lib/dal/failures";
import { endLink, linkProgram } from "@/lib/dal/programs";
import { checkProgramName } from "@/lib/programs/program-name";
import { describeFailure, describePasswordRefusal } from "@/app/form-state";

export type LinkProgramState =
  { step: "form"; error?: string; name?: string } | { step: "linked"; name: string; refreshToken: string };

export async function linkProgramAction(_previous: LinkProgramState, formData: FormData): Promise<LinkProgramState> {
  const name = checkProgramName(formData.get("name"));
  if (!name.ok) return { step: "form", error: name.error };
  const password = formData.get("password");
  if (typeof password !== "string" || password === "") {
    return { step: "form", error: "Enter your password to confirm.", name: name.value };
  }
  try {
    const outcome = await linkProgram(name.value, password);
    if (outcome.status !== "linked") {
      return {
        step: "form",
        error: describePasswordRefusal(outcome, "Your password is not correct."),
        name: name.value,
      };
    }
    revalidatePath("/account/apps");
    return { step: "linked", name: outcome.name, refreshToken: outcome.refreshToken };
  } catch (error) {
    reportFailure("program link", error);
    return { step: "form", error: describeFailure(error), name: name.value };
  }
}

export async function endLinkAction(formData: FormData) {
  const publicId = formData.get("publicId");
  // Another user's link, an unknown id and an ended link all look the same: not found.
  if (typeof publicId !== "string" || !(await endLink(publicId))) notFound();
  redirect("/account/apps?notice=ended");
}
