"use client";

import { useActionState } from "react";
import { changePasswordAction, type PasswordChangeState } from "./actions";
import { FormError } from "@/app/components/form-error";
import { NewPasswordFields } from "@/app/components/new-password-fields";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function describeChange(state: Extract<PasswordChangeState, { step: "done" }>) {
  if (!state.otherSessionsEnded) return "Your password has been changed. Your other sessions stay signed in.";
  const sessions = `${plural(state.sessionsEnded, "other session was", "other sessions were")} signed out`;
  const links =
    state.linksEnded > 0
      ? ` and ${plural(state.linksEnded, "linked program was", "linked programs were")} unlinked`
      : "";
  return `Your password has been changed, and ${sessions}${links}.`;
}

export function PasswordForm() {
  const [state, changeAction, changing] = useActionState(changePasswordAction, { step: "form" } as PasswordChangeState);
  if (state.step === "done") {
    return (
      <p role="status" className="notice">
        {describeChange(state)}
      </p>
    );
  }
  return (
    <form action={changeAction} className="stack">
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />

      <NewPasswordFields
        name="newPassword"
        label="New password"
        confirmName="confirmNewPassword"
        confirmLabel="Confirm new password"
      />
      <label className="checkbox">
        <input type="checkbox" name="endOtherSessions" value="yes" defaultChecked /> Sign out my other sessions and
        unlink my programs (recommended: if someone else knew the old password, they are out)
      </label>
      <FormError message={state.error} />
      <button type="submit" disabled={changing}>
        Change password
      </button>
    </form>
  );
}
