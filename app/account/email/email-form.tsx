"use client";

import { useActionState } from "react";
import { changeEmailAction, type EmailChangeState } from "./actions";

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
      {state.error && (
        <p role="alert" className="notice error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        Change email
      </button>
    </form>
  );
}
