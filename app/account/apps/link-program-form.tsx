"use client";

import { useActionState } from "react";
import { PROGRAM_NAME_MAX_LENGTH } from "@/lib/programs/program-name";
import { FormError } from "@/app/components/form-error";
import { linkProgramAction, type LinkProgramState } from "./actions";

export function LinkProgramForm() {
  const [state, formAction, pending] = useActionState(linkProgramAction, { step: "form" } as LinkProgramState);
  if (state.step === "linked") {
    return (
      <section className="notice" aria-labelledby="new-link-heading">
        <h3 id="new-link-heading">“{state.name}” is linked</h3>
        <p>
          Give the program this refresh token now. It is shown only this once: the server keeps only a hash of it. Each
          refresh replaces it with a new one.
        </p>
        <label htmlFor="refresh-token">Refresh token</label>
        <input id="refresh-token" readOnly value={state.refreshToken} className="secret" autoComplete="off" />
      </section>
    );
  }
  return (
    <form action={formAction} className="stack">
      <label htmlFor="program-name">Program name</label>
      <input
        id="program-name"
        name="name"
        required
        maxLength={PROGRAM_NAME_MAX_LENGTH}
        placeholder="CLI on my laptop"
        defaultValue={state.name}
      />
      <label htmlFor="link-password">Your password</label>
      <input id="link-password" name="password" type="password" autoComplete="current-password" required />
      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Link program
      </button>
    </form>
  );
}
