// Busy answers say "Retry-After: 1". A connection that comes back sooner, as a script in a loop does, gets its
// next busy answer only once that second has passed: a person is answered at once, and retries in a tight loop
// cannot keep the thread that answers every request busy with busy answers.
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * How many milliseconds to hold this client's answer; `schedule` remembers, per client, when its next one may go
 * out. server.mjs keys it by connection (a WeakMap of sockets, so a closed connection is forgotten), the sign-in
 * throttle's refusals by client address (lib/sign-in/throttled-forms.ts).
 */
export function holdBusyAnswer(schedule, client, now) {
  const at = Math.max(now, schedule.get(client) ?? 0);
  schedule.set(client, at + BUSY_RETRY_AFTER_SECONDS * 1000);
  return at - now;
}
