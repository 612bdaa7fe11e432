import type { PasswordRefusal } from "@/lib/dal/authentication";
import { isServerBusy } from "@/lib/dal/failures";
import { SERVER_BUSY_MESSAGE, describeWait } from "@/lib/sign-in/throttle-message";

/** What a sign-in or sign-up form gets back: a message and the email to refill, never the password. */
export type FormState = { error?: string; email?: string };

export const SERVICE_UNAVAILABLE =
  "The service is unavailable right now, so nothing was changed. Please try again in a moment.";

/** What a form says when its action failed: busy (try again soon) or unavailable (nothing was changed). */
export function describeFailure(error: unknown): string {
  return isServerBusy(error) ? SERVER_BUSY_MESSAGE : SERVICE_UNAVAILABLE;
}

/** The message for a password that was refused: wrong, or not checked because the client must wait first. */
export function describePasswordRefusal(refusal: PasswordRefusal, wrongPassword: string): string {
  return refusal.status === "throttled" ? describeWait(refusal.retryAfterSeconds) : wrongPassword;
}
