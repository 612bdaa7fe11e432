/** What a sign-in or sign-up form gets back: a message and the email to refill, never the password. */
export type FormState = { error?: string; email?: string };

export const SERVICE_UNAVAILABLE =
  "The service is unavailable right now, so nothing was changed. Please try again in a moment.";
