"use server";

import { reportFailure } from "@/lib/dal/failures";
import { approveDeviceRequest, denyDeviceRequest, findDeviceRequest } from "@/lib/dal/programs";
import { describeFailure, describePasswordRefusal } from "@/app/form-state";

export type DeviceApprovalState =
  | { step: "code"; error?: string }
  | { step: "confirm"; userCode: string; programName: string; error?: string }
  | { step: "answered"; message: string };

const NO_SUCH_CODE =
  "No program is waiting with this code. Check it, or start again in the program: codes last 10 minutes.";

/**
 * One form, three buttons: look the code up, then approve (with the password) or deny. Every press looks the
 * posted code up again: what the page showed before is never taken on trust.
 */
export async function answerDeviceAction(
  _previous: DeviceApprovalState,
  formData: FormData,
): Promise<DeviceApprovalState> {
  const code = formData.get("code");
  if (typeof code !== "string" || code.trim() === "")
    return { step: "code", error: "Enter the code the program shows." };
  try {
    const found = await findDeviceRequest(code);
    if (found.status === "throttled") return { step: "code", error: describePasswordRefusal(found, "") };
    if (found.status === "no-such-request") return { step: "code", error: NO_SUCH_CODE };
    const { userCode, programName } = found.request;
    const intent = formData.get("intent");
    if (intent === "deny") {
      await denyDeviceRequest(userCode);
      return { step: "answered", message: `You declined. “${programName}” is not linked.` };
    }
    const confirming = { step: "confirm", userCode, programName } as const;
    if (intent !== "approve") return confirming;
    const password = formData.get("password");
    if (typeof password !== "string" || password === "")
      return { ...confirming, error: "Enter your password to approve." };
    const outcome = await approveDeviceRequest(userCode, password);
    if (outcome.status === "no-such-request") return { step: "code", error: NO_SUCH_CODE };
    if (outcome.status !== "approved") {
      return { ...confirming, error: describePasswordRefusal(outcome, "Your password is not correct.") };
    }
    return {
      step: "answered",
      message: `“${programName}” is linked. Go back to the program: it carries on by itself.`,
    };
  } catch (error) {
    reportFailure("device approval", error);
    return { step: "code", error: describeFailure(error) };
  }
}
