"use client";

import { useActionState } from "react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation";
import { answerOtherSessionsAction, changePasswordAction, type PasswordChangeState } from "./actions";
import { FormError } from "../../components/form-error";

export function PasswordForm() {
  const [changeState, changeAction, changing] = useActionState(changePasswordAction, { step: "form" } as PasswordChangeState);
  const [answerState, answerAction, answering] = useActionState(answerOtherSessionsAction, changeState);
  const state = answerState.step === "done" ? answerState : changeState;

  if (state.step === "ask-about-other-sessions") {
    return (
      <section role="alertdialog" aria-labelledby="other-sessions-question" aria-describedby="other-sessions-detail" className="prompt">
        <h2 id="other-sessions-question">Sign out all other sessions?</h2>
        <p id="other-sessions-detail">
          Your password has been changed and this session has a new token. If someone else might be signed in as you,
          end every other session now.
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
          ? `Your password has been changed, and ${state.count} other ${state.count === 1 ? "session was" : "sessions were"} signed out.`
          : "Your password has been changed. Your other sessions stay signed in."}
      </p>
    );
  }
  return (
    <form action={changeAction} className="stack">
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />

      <label htmlFor="newPassword">New password</label>
      <input
        id="newPassword"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        aria-describedby="new-password-hint"
      />
      <p id="new-password-hint" className="hint">
        {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters.
      </p>

      <label htmlFor="confirmNewPassword">Confirm new password</label>
      <input
        id="confirmNewPassword"
        name="confirmNewPassword"
        type="password"
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX_LENGTH}
      />
      <FormError message={state.error} />
      <button type="submit" disabled={changing}>
        Change password
      </button>
    </form>
  );
}
