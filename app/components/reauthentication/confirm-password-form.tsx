"use client";

import { useActionState } from "react";
import type { FormState } from "@/app/form-state";
import { confirmPasswordAction } from "./actions";
import { FormError } from "@/app/components/form-error";

export function ConfirmPasswordForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, pending] = useActionState(confirmPasswordAction, {} satisfies FormState);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor="confirm-password">Password</label>
      <input id="confirm-password" name="password" type="password" autoComplete="current-password" required />
      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Confirm password
      </button>
    </form>
  );
}
