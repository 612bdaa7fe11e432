import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { subscriberNetwork } from "@/lib/platform/ip-address";
import { THROTTLE_POLICY, waitAfterFailures } from "@/lib/sign-in/throttle-policy";
import { emailLogReference } from "@/lib/platform/audit-log";
import { createLimiter, type Throttled } from "@/lib/platform/throttle-store";

// Slows down password guessing without handing guessers a way to lock owners out (docs/decisions/015 and 025).
// Wrong passwords are counted per subject:
// - a sign-in from a browser that has signed in to the account before: that browser and account alone;
// - any other sign-in: the account (a keyed hash of its email, computed the same way whether or not the email
//   has an account, so the throttle never tells them apart) and the client's address (an IPv6 client by its
//   /64, the block one subscriber gets);
// - a password confirmation inside a signed-in session: that session alone.
// Counts live in the app's database, or in Redis when THROTTLE_REDIS_URL names one, so every instance sees the
// same ones.

export type PasswordAttempt = {
  throttled: false;
  succeeded(): Promise<void>;
  /** Counts a wrong password; says whether it locked the subject's password checks. */
  failed(): Promise<{ locked: boolean }>;
  /** The password could not be checked (the server is busy or down): the attempt counts for nothing. */
  abandoned(): Promise<void>;
};

/** A sign-in: the email typed in, the client's address, and this browser's id if it is known to the account. */
export type SignInClient = { email: string; ipAddress: string | null; knownBrowser: string | null };

const { lockoutAfterFailures, failuresPerAddress, addressBlockSeconds, failureWindowSeconds } = THROTTLE_POLICY;
const HOUR_SECONDS = 3600;

// A wait in force for a subject: set with block(), read with get().
const waits = createLimiter("wait", 1, 0, true);
// Counted with a ceiling, before the password is checked, so that guesses sent in parallel cannot all pass one
// check: past the ceiling an attempt is refused without a check.
const subjectFailures = createLimiter("account-failures", lockoutAfterFailures, failureWindowSeconds);
const addressFailures = createLimiter("address-failures", failuresPerAddress, HOUR_SECONDS);
const signUpsByAddress = createLimiter("address-sign-ups", THROTTLE_POLICY.signUpsPerAddress, HOUR_SECONDS);

type Subject = {
  key: string;
  counter: RateLimiterAbstract;
  /** The count that locks, and how long the wait after `failures` wrong passwords is. */
  limit: number;
  waitAfter(failures: number): number;
  /** A right password forgets the subject's count ("forget") or only gives this attempt's point back. */
  onSuccess: "forget" | "give-back";
};

const guessesAt = (key: string): Subject => ({
  key,
  counter: subjectFailures,
  limit: lockoutAfterFailures,
  waitAfter: waitAfterFailures,
  onSuccess: "forget",
});

const guessesFrom = (ipAddress: string | null): Subject => ({
  key: addressKey(ipAddress),
  counter: addressFailures,
  limit: failuresPerAddress,
  waitAfter: (failures) => (failures >= failuresPerAddress ? addressBlockSeconds : 0),
  onSuccess: "give-back",
});

/** The subjects a sign-in counts against: a known browser's own count, or the account's and the address's. */
function signInSubjects({ email, ipAddress, knownBrowser }: SignInClient): Subject[] {
  const account = accountReference(email);
  if (knownBrowser) return [guessesAt(`browser:${account}:${knownBrowser}`)];
  return [guessesAt(`account:${account}`), guessesFrom(ipAddress)];
}

/** The session's own count: a confirmation inside a session never waits for anyone else's failures. */
function confirmationSubjects(sessionPublicId: string): Subject[] {
  return [guessesAt(`session:${sessionPublicId}`)];
}

/**
 * Call before checking a sign-in's password. Either the client must wait, or the attempt is counted at once and
 * the caller reports how it went.
 */
export async function beginSignInAttempt(client: SignInClient): Promise<Throttled | PasswordAttempt> {
  return beginAttempt(signInSubjects(client));
}

/** The same for a password confirmation inside a signed-in session. */
export async function beginConfirmationAttempt(sessionPublicId: string): Promise<Throttled | PasswordAttempt> {
  return beginAttempt(confirmationSubjects(sessionPublicId));
}

/** The wait in force for a sign-in by this client, without counting anything. */
export async function findSignInWait(client: SignInClient): Promise<Throttled | null> {
  return longestWait(signInSubjects(client).map((subject) => subject.key));
}

/** The wait in force for a password confirmation in this session, without counting anything. */
export async function findConfirmationWait(sessionPublicId: string): Promise<Throttled | null> {
  return longestWait(confirmationSubjects(sessionPublicId).map((subject) => subject.key));
}

/** The wait in force for creating an account from this address, without counting anything. */
export async function findSignUpWait(ipAddress: string | null): Promise<Throttled | null> {
  return longestWait([signUpWaitKey(ipAddress)]);
}

/**
 * Counts an attempt to create an account from this address, or says to wait. The attempt that uses up the
 * limit also sets a wait, so the proxy turns the next one away before it reaches the form.
 */
export async function countSignUpAttempt(ipAddress: string | null): Promise<Throttled | null> {
  const waiting = await findSignUpWait(ipAddress);
  if (waiting) return waiting;
  try {
    const count = await signUpsByAddress.consume(addressKey(ipAddress));
    if (count.remainingPoints === 0) {
      await waits.block(signUpWaitKey(ipAddress), Math.max(1, Math.ceil(count.msBeforeNext / 1000)));
    }
    return null;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return throttledFor(refusal.msBeforeNext);
    throw refusal;
  }
}

/**
 * Forgets an account's count and lock for sign-ins from browsers it does not know (an administrator's unlock).
 * Known browsers and sessions keep their own counts: only their holders can have caused those.
 */
export async function clearAccountLock(email: string) {
  const key = `account:${accountReference(email)}`;
  await Promise.all([subjectFailures.delete(key), waits.delete(key)]);
}

/** How the throttle names an account: the key the known-browser cookie lists, too. */
export function accountReference(email: string) {
  return emailLogReference(email);
}

async function beginAttempt(subjects: Subject[]): Promise<Throttled | PasswordAttempt> {
  const waiting = await longestWait(subjects.map((subject) => subject.key));
  if (waiting) return waiting;
  const counts = await Promise.all(subjects.map(({ counter, key }) => countAttempt(counter, key)));
  const refused = subjects.filter((_, index) => counts[index] === null);
  if (refused.length > 0) {
    // Only guesses racing past a check still running get here. None of them is checked, and the subjects that
    // counted one get the point back; a subject past its ceiling is set back when that check ends.
    await Promise.all(subjects.map(({ counter, key }, index) => counts[index] && counter.reward(key, 1)));
    return throttledFor(Math.max(...refused.map((subject) => subject.waitAfter(subject.limit))) * 1000);
  }
  const failures = counts.map((count) => count!.consumedPoints);
  return {
    throttled: false,
    async failed() {
      const locks = await Promise.all(subjects.map((subject, index) => countFailure(subject, failures[index]!)));
      return { locked: locks[0]! };
    },
    async succeeded() {
      await Promise.all(
        subjects.map(({ counter, key, onSuccess }) =>
          onSuccess === "forget" ? counter.delete(key) : counter.reward(key, 1),
        ),
      );
    },
    async abandoned() {
      await Promise.all(
        subjects.map((subject, index) =>
          failures[index]! >= subject.limit ? setBackBelowLimit(subject) : subject.counter.reward(subject.key, 1),
        ),
      );
    },
  };
}

/** The attempt's count, or null when it is past the ceiling. */
async function countAttempt(counter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  try {
    return await counter.consume(key);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return null;
    throw refusal;
  }
}

/**
 * Sets the wait a wrong password earns. One that locks also sets the count back by one: when the lock ends, the
 * next attempt is checked, and only another wrong password (counted against its sender) locks again. A lock is
 * never renewed by a request that checks nothing.
 */
async function countFailure(subject: Subject, failures: number): Promise<boolean> {
  const wait = subject.waitAfter(failures);
  if (wait > 0) await waits.block(subject.key, wait);
  if (failures < subject.limit) return false;
  await setBackBelowLimit(subject);
  return true;
}

// Absolute, not a give-back: attempts refused past the ceiling while the check ran are forgotten with it.
async function setBackBelowLimit({ counter, key, limit }: Subject) {
  await counter.set(key, limit - 1, failureWindowSeconds);
}

async function longestWait(keys: string[]): Promise<Throttled | null> {
  const found = await Promise.all(keys.map((key) => waits.get(key)));
  const longest = Math.max(0, ...found.map((wait) => (wait && wait.consumedPoints > 1 ? wait.msBeforeNext : 0)));
  return longest > 0 ? throttledFor(longest) : null;
}

function throttledFor(milliseconds: number): Throttled {
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil(milliseconds / 1000)) };
}

function signUpWaitKey(ipAddress: string | null) {
  return `sign-up:${addressKey(ipAddress)}`;
}

function addressKey(ipAddress: string | null) {
  return `address:${subscriberNetwork(ipAddress)}`;
}
