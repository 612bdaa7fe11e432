// Busy answers say "Retry-After: 1". A connection that comes back sooner, as a script in a loop does, gets its
// next busy answer only once that second has passed: a person is answered at once, and retries in a tight loop
// cannot keep the thread that answers every request busy with busy answers.
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * How many milliseconds to hold this connection's busy answer; `schedule` remembers, per connection, when its
 * next one may go out (a WeakMap keyed by socket, so a closed connection is forgotten).
 */
export function holdBusyAnswer(schedule, connection, now) {
  const at = Math.max(now, schedule.get(connection) ?? 0);
  schedule.set(connection, at + BUSY_RETRY_AFTER_SECONDS * 1000);
  return at - now;
}
