"use client";

import { useActionState } from "react";
import type { FormState } from "@/app/form-state";
import { signInAction } from "./actions";
import { FormError } from "@/app/components/form-error";

export function LoginForm() {
  const [state, formAction, pending] = useActionState(signInAction, {} satisfies FormState);
  return (
    <form action={formAction} className="stack">
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} />

      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />

      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Sign in
      </button>
    </form>
  );
}
