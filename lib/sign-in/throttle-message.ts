import { SERVER_BUSY_MESSAGE } from "@/lib/platform/busy-message.mjs";

export { SERVER_BUSY_MESSAGE };

/**
 * What a throttled client reads, in a form or in a 429's body: how long to wait, rounded up to what a
 * person would count.
 */
export function describeWait(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? plural(seconds, "second") : plural(minutes, "minute");
  return `Too many attempts. Wait ${wait}, then try again.`;
}

/** True for a message describeWait wrote, or the busy one (a 429's or 503's body reaches a form as an error). */
export function isWaitMessage(message: string): boolean {
  return (
    message === SERVER_BUSY_MESSAGE ||
    /^Too many attempts\. Wait \d+ (second|minute)s?, then try again\.$/.test(message)
  );
}

function plural(count: number, unit: string) {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
