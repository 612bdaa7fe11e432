"use server";

import { reportFailure } from "@/lib/server/dal/failures";
import { approveDeviceRequest, denyDeviceRequest, findDeviceRequest } from "@/lib/server/dal/programs";
import { describeFailure, describePasswordRefusal } from "@/app/form-state";

export type DeviceApprovalState =
  | { step: "code"; error?: string }
  | { step: "confirm"; userCode: string; programName: string; error?: string }
  | { step: "answered"; message: string };

const NO_SUCH_CODE =
  "No program is waiting with this code. Check it, or start again in the program: codes last 10 minutes.";

/** One form, three buttons: look the code up, then approve (with the password) or deny. */
export async function answerDeviceAction(
  previous: DeviceApprovalState,
  formData: FormData,
): Promise<DeviceApprovalState> {
  const intent = formData.get("intent");
  try {
    if (intent === "find") return await find(formData.get("code"));
    if (previous.step !== "confirm") return { step: "code" };
    if (intent === "deny") {
      await denyDeviceRequest(previous.userCode);
      return { step: "answered", message: `You declined. “${previous.programName}” is not linked.` };
    }
    const password = formData.get("password");
    if (typeof password !== "string" || password === "")
      return { ...previous, error: "Enter your password to approve." };
    const outcome = await approveDeviceRequest(previous.userCode, password);
    if (outcome.status === "no-such-request") return { step: "code", error: NO_SUCH_CODE };
    if (outcome.status !== "approved") {
      return { ...previous, error: describePasswordRefusal(outcome, "Your password is not correct.") };
    }
    return {
      step: "answered",
      message: `“${previous.programName}” is linked. Go back to the program: it carries on by itself.`,
    };
  } catch (error) {
    reportFailure("device approval", error);
    return previous.step === "confirm"
      ? { ...previous, error: describeFailure(error) }
      : { step: "code", error: describeFailure(error) };
  }
}

async function find(code: FormDataEntryValue | null): Promise<DeviceApprovalState> {
  if (typeof code !== "string" || code.trim() === "")
    return { step: "code", error: "Enter the code the program shows." };
  const request = await findDeviceRequest(code);
  if (!request) return { step: "code", error: NO_SUCH_CODE };
  return { step: "confirm", userCode: request.userCode, programName: request.programName };
}
