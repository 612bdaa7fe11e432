import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { networkPrefix } from "@/lib/ip-address";
import { THROTTLE_POLICY, waitAfterFailures } from "@/lib/session-policy";
import { emailLogReference } from "./audit-log";
import { createLimiter } from "./throttle-store";

// Slows down password guessing (docs/decisions/015-throttling-password-checks.md). An account is named by a
// keyed hash of its email, computed the same way whether or not the email has an account, so the throttle
// never tells them apart. A client is named by its address; an IPv6 client by its /64, the block one
// subscriber gets. Counts live in the app's database, or in Redis when THROTTLE_REDIS_URL names one, so every
// instance sees the same ones.

export type Throttled = { throttled: true; retryAfterSeconds: number };
export type PasswordAttempt = {
  throttled: false;
  succeeded(): Promise<void>;
  /** Counts a wrong password; says whether it locked the account's password checks. */
  failed(): Promise<{ locked: boolean }>;
  /** The password could not be checked (the server is busy or down): the attempt counts for nothing. */
  abandoned(): Promise<void>;
};
type Client = { email: string; ipAddress: string | null };

const HOUR_SECONDS = 3600;

// A wait in force for an account or an address: set with block(), read with get().
const waits = createLimiter("wait", 1, 0, true);
const accountFailures = createLimiter(
  "account-failures",
  THROTTLE_POLICY.lockoutAfterFailures,
  THROTTLE_POLICY.failureWindowSeconds,
);
const addressFailures = createLimiter("address-failures", THROTTLE_POLICY.failuresPerAddress, HOUR_SECONDS);
const signUpsByAddress = createLimiter("address-sign-ups", THROTTLE_POLICY.signUpsPerAddress, HOUR_SECONDS);
const signUpsByEmail = createLimiter("email-sign-ups", THROTTLE_POLICY.signUpsPerEmail, HOUR_SECONDS);

/**
 * Call before checking a password. Either the client must wait, or the attempt is counted at once (so that
 * guesses sent in parallel cannot all pass one check) and the caller reports how it went.
 */
export async function beginPasswordAttempt(client: Client): Promise<Throttled | PasswordAttempt> {
  const account = accountKey(client.email);
  const address = addressKey(client.ipAddress);
  const waiting = await longestWait([account, address]);
  if (waiting) return waiting;
  const [accountCount, addressCount] = await Promise.all([
    countOrLock(accountFailures, account, THROTTLE_POLICY.lockoutSeconds),
    countOrLock(addressFailures, address, THROTTLE_POLICY.addressBlockSeconds),
  ]);
  // A refused attempt is not a guess: whichever counter did count it gives the point back.
  if (!(accountCount instanceof RateLimiterRes)) {
    if (addressCount instanceof RateLimiterRes) await addressFailures.reward(address, 1);
    return accountCount;
  }
  if (!(addressCount instanceof RateLimiterRes)) {
    await accountFailures.reward(account, 1);
    return addressCount;
  }
  return {
    throttled: false,
    async failed() {
      const wait = waitAfterFailures(accountCount.consumedPoints);
      if (wait > 0) await waits.block(account, wait);
      return { locked: wait >= THROTTLE_POLICY.lockoutSeconds };
    },
    async succeeded() {
      await Promise.all([accountFailures.delete(account), addressFailures.reward(address, 1)]);
    },
    async abandoned() {
      await Promise.all([accountFailures.reward(account, 1), addressFailures.reward(address, 1)]);
    },
  };
}

/**
 * The wait in force for a password check by this client, for this email if given, without counting
 * anything. `forSignUp` adds the waits of the sign-up limits.
 */
export async function findWait(
  client: { email: string | null; ipAddress: string | null },
  { forSignUp = false } = {},
): Promise<Throttled | null> {
  const keys = [addressKey(client.ipAddress), ...(client.email ? [accountKey(client.email)] : [])];
  return longestWait(forSignUp ? [...keys, ...signUpKeys(client)] : keys);
}

/**
 * Counts an attempt to create an account, or says to wait: per client address and per email. The attempt
 * that uses up a limit also sets a wait, so the proxy turns the next one away before it reaches the form.
 */
export async function countSignUpAttempt(client: Client): Promise<Throttled | null> {
  const waiting = await findWait(client, { forSignUp: true });
  if (waiting) return waiting;
  const [addressKeyForSignUps, emailKeyForSignUps] = signUpKeys(client);
  try {
    const [byAddress, byEmail] = await Promise.all([
      signUpsByAddress.consume(addressKey(client.ipAddress)),
      signUpsByEmail.consume(accountKey(client.email)),
    ]);
    await Promise.all([waitWhenUsedUp(byAddress, addressKeyForSignUps!), waitWhenUsedUp(byEmail, emailKeyForSignUps!)]);
    return null;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return throttledFor(refusal.msBeforeNext);
    throw refusal;
  }
}

async function waitWhenUsedUp(count: RateLimiterRes, waitKey: string) {
  if (count.remainingPoints === 0) await waits.block(waitKey, Math.max(1, Math.ceil(count.msBeforeNext / 1000)));
}

function signUpKeys(client: { email: string | null; ipAddress: string | null }) {
  return [`sign-up:${addressKey(client.ipAddress)}`, ...(client.email ? [`sign-up:${accountKey(client.email)}`] : [])];
}

async function countOrLock(counter: RateLimiterAbstract, key: string, lockSeconds: number) {
  try {
    return await counter.consume(key);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    await waits.block(key, lockSeconds);
    return throttledFor(lockSeconds * 1000);
  }
}

async function longestWait(keys: string[]): Promise<Throttled | null> {
  const found = await Promise.all(keys.map((key) => waits.get(key)));
  const longest = Math.max(0, ...found.map((wait) => (wait && wait.consumedPoints > 1 ? wait.msBeforeNext : 0)));
  return longest > 0 ? throttledFor(longest) : null;
}

function throttledFor(milliseconds: number): Throttled {
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil(milliseconds / 1000)) };
}

function accountKey(email: string) {
  return `account:${emailLogReference(email)}`;
}

// An IPv4 client by its own address, an IPv6 client by its /64.
function addressKey(ipAddress: string | null) {
  return `address:${networkPrefix(ipAddress, 32, 64) ?? "unknown"}`;
}
