"use client";

import { useActionState } from "react";
import { FormError } from "@/app/components/form-error";
import { SESSION_POLICY_SETTINGS } from "@/lib/session-policy";
import { saveTimeoutsAction, type TimeoutsFormState } from "./actions";

type Props = { idleTimeoutSeconds: number; absoluteTimeoutSeconds: number };

const { idleTimeoutSeconds: IDLE, absoluteTimeoutSeconds: ABSOLUTE } = SESSION_POLICY_SETTINGS;

/** The administrator's idle and absolute timeouts; the server checks the same bounds again. */
export function TimeoutsForm({ idleTimeoutSeconds, absoluteTimeoutSeconds }: Props) {
  const [state, formAction, pending] = useActionState(saveTimeoutsAction, {} satisfies TimeoutsFormState);
  return (
    <form action={formAction} className="inline-form">
      <label htmlFor="idleTimeoutSeconds">Idle timeout (seconds)</label>
      <input
        id="idleTimeoutSeconds"
        name="idleTimeoutSeconds"
        type="number"
        min={IDLE.min}
        max={IDLE.max}
        step={1}
        required
        defaultValue={state.idleTimeoutSeconds ?? idleTimeoutSeconds}
      />
      <label htmlFor="absoluteTimeoutSeconds">Absolute timeout (seconds)</label>
      <input
        id="absoluteTimeoutSeconds"
        name="absoluteTimeoutSeconds"
        type="number"
        min={ABSOLUTE.min}
        max={ABSOLUTE.max}
        step={1}
        required
        defaultValue={state.absoluteTimeoutSeconds ?? absoluteTimeoutSeconds}
      />
      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        Save timeouts
      </button>
    </form>
  );
}
