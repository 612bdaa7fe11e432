// The sign-in wing's policy, kept as data: the code, the docs (npm run docs:policy) and the tests read it.

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * Throttling of password checks (sign-in, sign-up and every password confirmation), counted in the app's
 * database so every instance sees the same counts. Fixed, like the token policy: docs/decisions/015 and 025.
 * Nothing here can be turned against an account's owner: a browser that has signed in to the account before
 * has counts of its own, and a signed-in session's confirmations count for that session alone.
 */
export const THROTTLE_POLICY = {
  // Wrong passwords for one account, from anywhere, answered at once: people mistype.
  freeFailuresPerAccount: 3,
  // Each further failure makes the next attempt wait, twice as long each time, starting here ...
  firstWaitSeconds: 2,
  // ... until this many failures lock the password checks for a while. When the lock ends, one more wrong
  // password (a real check, counted against the guesser's address) locks them again.
  lockoutAfterFailures: 10,
  lockoutSeconds: 15 * MINUTE,
  // Failures are counted over this long from the last lock (or the first failure), and forgotten at the next
  // right password.
  failureWindowSeconds: HOUR,
  // Wrong passwords from one client address, whichever accounts they aim at, before the address waits an hour.
  failuresPerAddress: 30,
  addressBlockSeconds: HOUR,
  // New-account attempts per client address, in the same window.
  signUpsPerAddress: 20,
  // A browser that signed in to an account is known to it this long after its last sign-in there, and its
  // wrong passwords are counted apart from everyone else's (OWASP's device cookies).
  knownBrowserDays: 180,
  // The accounts one browser is known to, most recent first; a shared computer rarely has more.
  accountsPerKnownBrowser: 5,
} as const;

/** How long the next attempt on an account waits after its `failures`-th wrong password in a row. */
export function waitAfterFailures(failures: number): number {
  const { freeFailuresPerAccount, firstWaitSeconds, lockoutAfterFailures, lockoutSeconds } = THROTTLE_POLICY;
  if (failures >= lockoutAfterFailures) return lockoutSeconds;
  if (failures <= freeFailuresPerAccount) return 0;
  return Math.min(lockoutSeconds, firstWaitSeconds * 2 ** (failures - freeFailuresPerAccount - 1));
}
