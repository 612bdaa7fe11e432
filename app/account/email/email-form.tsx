"use client";

import { useActionState } from "react";
import { changeEmailAction, type EmailChangeState } from "./actions";
import { FormError } from "@/app/components/form-error";

export function EmailForm() {
  const [state, formAction, pending] = useActionState(changeEmailAction, {} as EmailChangeState);
  return (
    <form action={formAction} className="stack">
      {state.changedTo && (
        <p role="status" className="notice">
          Your email is now {state.changedTo}. Use it the next time you sign in.
        </p>
      )}
      <label htmlFor="email">New email</label>
      <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.email} />
      <label htmlFor="password">Current password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Change email
      </button>
    </form>
  );
}
