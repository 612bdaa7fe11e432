"use client";

import { useActionState } from "react";
import type { FormState } from "@/app/form-state";
import { signUpAction } from "./actions";
import { FormError } from "@/app/components/form-error";
import { NewPasswordFields } from "@/app/components/new-password-fields";

export function SignUpForm() {
  const [state, formAction, pending] = useActionState(signUpAction, {} satisfies FormState);
  return (
    <form action={formAction} className="stack">
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.email} />

      <NewPasswordFields
        name="password"
        label="Password"
        confirmName="confirmPassword"
        confirmLabel="Confirm password"
      />

      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Create account
      </button>
    </form>
  );
}
