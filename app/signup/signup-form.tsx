"use client";

import { useActionState } from "react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation";
import type { FormState } from "../form-state";
import { signUpAction } from "./actions";
import { FormError } from "../components/form-error";

export function SignUpForm() {
  const [state, formAction, pending] = useActionState(signUpAction, {} satisfies FormState);
  return (
    <form action={formAction} className="stack">
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.email} />

      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        aria-describedby="password-hint"
      />
      <p id="password-hint" className="hint">
        {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters. A long passphrase is best.
      </p>

      <label htmlFor="confirmPassword">Confirm password</label>
      <input
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX_LENGTH}
      />

      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Create account
      </button>
    </form>
  );
}
