"use client";

import { useActionState } from "react";
import { FormError } from "@/app/components/form-error";
import { answerDeviceAction, type DeviceApprovalState } from "./actions";

export function ApproveDeviceForm() {
  const [state, formAction, pending] = useActionState(answerDeviceAction, { step: "code" } as DeviceApprovalState);
  if (state.step === "answered") {
    return (
      <p role="status" className="notice">
        {state.message}
      </p>
    );
  }
  if (state.step === "confirm") {
    return (
      <form action={formAction} className="stack">
        <p>
          <strong>“{state.programName}”</strong> asks to be linked to your account with the code{" "}
          <code>{state.userCode}</code>. Approve only if you started this yourself, just now.
        </p>
        <input type="hidden" name="code" value={state.userCode} />
        <label htmlFor="approve-password">Your password</label>
        <input id="approve-password" name="password" type="password" autoComplete="current-password" />
        <FormError message={state.error} />
        <div className="actions">
          <button type="submit" name="intent" value="approve" disabled={pending}>
            Approve
          </button>
          <button type="submit" name="intent" value="deny" className="secondary" disabled={pending}>
            Deny
          </button>
        </div>
      </form>
    );
  }
  return (
    <form action={formAction} className="stack">
      <label htmlFor="device-code">Code shown by the program</label>
      <input id="device-code" name="code" required autoComplete="off" placeholder="BCDF-GHJK" />
      <FormError message={state.error} />
      <button type="submit" name="intent" value="find" disabled={pending}>
        Continue
      </button>
    </form>
  );
}
