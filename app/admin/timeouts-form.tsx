"use client";

import { useActionState } from "react";
import { FormError } from "@/app/components/form-error";
import { SESSION_POLICY_SETTINGS } from "@/lib/session/session-policy";
import { saveTimeoutsAction, type TimeoutsFormState } from "./actions";

type Props = { idleTimeoutSeconds: number; absoluteTimeoutSeconds: number };
type TimeoutName = "idleTimeoutSeconds" | "absoluteTimeoutSeconds";

/** The administrator's idle and absolute timeouts; the server checks the same bounds again. */
export function TimeoutsForm(props: Props) {
  const [state, formAction, pending] = useActionState(saveTimeoutsAction, {} satisfies TimeoutsFormState);
  const secondsField = (name: TimeoutName) => {
    const { label, min, max } = SESSION_POLICY_SETTINGS[name];
    return (
      <>
        <label htmlFor={name}>{label} (seconds)</label>
        <input
          id={name}
          name={name}
          type="number"
          min={min}
          max={max}
          step={1}
          required
          defaultValue={state[name] ?? props[name]}
        />
      </>
    );
  };
  return (
    <form action={formAction} className="inline-form">
      {secondsField("idleTimeoutSeconds")}
      {secondsField("absoluteTimeoutSeconds")}
      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Save timeouts
      </button>
    </form>
  );
}
