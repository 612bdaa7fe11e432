"use client";

import { useActionState } from "react";
import type { FormState } from "../../form-state";
import { confirmPasswordAction } from "./actions";

export function ConfirmPasswordForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, pending] = useActionState(confirmPasswordAction, {} satisfies FormState);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor="confirm-password">Password</label>
      <input id="confirm-password" name="password" type="password" autoComplete="current-password" required />
      {state.error && (
        <p role="alert" className="notice error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        Confirm password
      </button>
    </form>
  );
}
