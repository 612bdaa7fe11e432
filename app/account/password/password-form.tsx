"use client";

import { useActionState } from "react";
import { answerOtherSessionsAction, changePasswordAction, type PasswordChangeState } from "./actions";
import { FormError } from "@/app/components/form-error";
import { NewPasswordFields } from "@/app/components/new-password-fields";

export function PasswordForm() {
  const [changeState, changeAction, changing] = useActionState(changePasswordAction, {
    step: "form",
  } as PasswordChangeState);
  const [answerState, answerAction, answering] = useActionState(answerOtherSessionsAction, changeState);
  const state = answerState.step === "done" ? answerState : changeState;

  if (state.step === "ask-about-other-sessions") {
    return (
      <section
        role="alertdialog"
        aria-labelledby="other-sessions-question"
        aria-describedby="other-sessions-detail"
        className="prompt"
      >
        <h2 id="other-sessions-question">Sign out all other sessions?</h2>
        <p id="other-sessions-detail">
          Your password has been changed and this session has a new token. If someone else might be signed in as you,
          end every other session and unlink every program now.
        </p>
        <form action={answerAction} className="actions">
          <button type="submit" name="answer" value="yes" disabled={answering}>
            Yes, sign out other sessions
          </button>
          <button type="submit" name="answer" value="no" className="secondary" disabled={answering}>
            No, keep them signed in
          </button>
        </form>
      </section>
    );
  }
  if (state.step === "done") {
    return (
      <p role="status" className="notice">
        {state.otherSessionsEnded
          ? `Your password has been changed, and ${state.count} other ${state.count === 1 ? "session was" : "sessions were"} signed out` +
            (state.linksEnded > 0
              ? ` and ${state.linksEnded} linked ${state.linksEnded === 1 ? "program was" : "programs were"} unlinked.`
              : ".")
          : "Your password has been changed. Your other sessions stay signed in."}
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
      <FormError message={state.error} />
      <button type="submit" disabled={changing}>
        Change password
      </button>
    </form>
  );
}
