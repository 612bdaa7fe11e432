"use server";

import { redirect } from "next/navigation";
import {
  endEverySession,
  endSessionsOfUser,
  resetTimeouts,
  saveTimeouts,
  setUserAccess,
  unlockUser,
} from "@/lib/dal/administration";
import { reportFailure } from "@/lib/dal/failures";
import { SERVICE_UNAVAILABLE } from "@/app/form-state";

export type TimeoutsFormState = { error?: string; idleTimeoutSeconds?: string; absoluteTimeoutSeconds?: string };

/** A form field as a number of seconds; anything that is not plain digits becomes NaN and is refused. */
function readSeconds(formData: FormData, name: string): number {
  const raw = String(formData.get(name) ?? "").trim();
  return /^\d{1,12}$/.test(raw) ? Number(raw) : Number.NaN;
}

function readUserId(formData: FormData): number {
  const userId = Number(formData.get("userId"));
  return Number.isSafeInteger(userId) ? userId : -1;
}

export async function saveTimeoutsAction(_previous: TimeoutsFormState, formData: FormData): Promise<TimeoutsFormState> {
  const entered = {
    idleTimeoutSeconds: String(formData.get("idleTimeoutSeconds") ?? ""),
    absoluteTimeoutSeconds: String(formData.get("absoluteTimeoutSeconds") ?? ""),
  };
  try {
    const saved = await saveTimeouts({
      idleTimeoutSeconds: readSeconds(formData, "idleTimeoutSeconds"),
      absoluteTimeoutSeconds: readSeconds(formData, "absoluteTimeoutSeconds"),
    });
    if (!saved.ok) {
      const reasons = saved.problems.map((problem) => problem.message).join(" ");
      return { ...entered, error: `${reasons} Nothing was changed.` };
    }
  } catch (error) {
    reportFailure("saving timeouts", error);
    return { ...entered, error: SERVICE_UNAVAILABLE };
  }
  redirect("/admin?notice=timeouts-saved");
}

export async function resetTimeoutsAction() {
  await resetTimeouts();
  redirect("/admin?notice=timeouts-reset");
}

export async function endUserSessionsAction(formData: FormData) {
  const ended = await endSessionsOfUser(readUserId(formData));
  redirect(ended === null ? "/admin?notice=no-such-user" : "/admin?notice=user-sessions-ended");
}

export async function endEverySessionAction() {
  await endEverySession();
  redirect("/admin?notice=every-session-ended");
}

export async function setUserDisabledAction(formData: FormData) {
  const disable = formData.get("disable") === "yes";
  const outcome = await setUserAccess(readUserId(formData), disable);
  if (outcome !== "done") redirect(`/admin?notice=${outcome}`);
  redirect(`/admin?notice=${disable ? "user-disabled" : "user-enabled"}`);
}

export async function unlockUserAction(formData: FormData) {
  const unlocked = await unlockUser(readUserId(formData));
  redirect(unlocked ? "/admin?notice=user-unlocked" : "/admin?notice=no-such-user");
}
