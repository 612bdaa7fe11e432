import "server-only";
import { availableParallelism } from "node:os";
import argon2 from "argon2";
import pLimit from "p-limit";
import { passwordHasher } from "@/lib/sign-in/password-hasher";

// The OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane.
const ARGON2ID_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

// Each hash keeps one core busy for tens of milliseconds. It runs in a process of its own at the lowest CPU
// priority (./password-hasher.ts), so it never holds up the thread pool that opens every request's cookie and
// takes only the CPU that serving requests leaves over. Hashing at most on all cores but one leaves a core free
// however many sign-ins arrive; a bounded queue turns the rest away at once instead of making them wait.
export const HASHING_CONCURRENCY = Math.max(1, availableParallelism() - 1);
// About half a second of waiting at most: beyond that, "try again" is the kinder answer.
export const HASHING_QUEUE_LIMIT = 8 * HASHING_CONCURRENCY;
// One queue per process, kept on globalThis. server.mjs asks whether it is full before Next.js sees a sign-in
// post: turning one away there costs far less than rendering the page that says so.
const processWide = globalThis as {
  sessionproofHashing?: ReturnType<typeof pLimit>;
  sessionproofIsHashingBusy?: () => boolean;
};
const hashing = (processWide.sessionproofHashing ??= pLimit(HASHING_CONCURRENCY));
processWide.sessionproofIsHashingBusy = isHashingQueueFull;

/** Thrown when the hashing queue is full; callers answer "busy, try again" rather than queue behind it. */
export class PasswordHashingBusy extends Error {
  override name = "PasswordHashingBusy";
  constructor() {
    super("Too many password checks are waiting.");
  }
}

let decoyHash: Promise<string> | undefined;

export async function hashPassword(password: string): Promise<string> {
  return inHashingQueue(() => passwordHasher.hash(normalizePassword(password), ARGON2ID_OPTIONS));
}

/** False for a wrong password and for a stored hash that cannot be read; PasswordHashingBusy when full. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return inHashingQueue(() => passwordHasher.verify(passwordHash, normalizePassword(password)));
}

/** Spends the same time as a real check, so a sign-in for an unknown email cannot be told apart by timing. */
export async function verifyDecoyPassword(password: string): Promise<false> {
  decoyHash ??= passwordHasher.hash("decoy password that belongs to nobody", ARGON2ID_OPTIONS).catch((error) => {
    decoyHash = undefined; // tried again on the next sign-in
    throw error;
  });
  await verifyPassword(await decoyHash, password);
  return false;
}

export function isHashBelowCurrentStrength(passwordHash: string): boolean {
  try {
    return argon2.needsRehash(passwordHash, ARGON2ID_OPTIONS);
  } catch {
    return true;
  }
}

/** True while the queue is full: a sign-in arriving now would be turned away. */
export function isHashingQueueFull(): boolean {
  return hashing.pendingCount >= HASHING_QUEUE_LIMIT;
}

function inHashingQueue<T>(work: () => Promise<T>): Promise<T> {
  if (isHashingQueueFull()) return Promise.reject(new PasswordHashingBusy());
  return hashing(work);
}

// NIST SP 800-63B: the same password typed on different keyboards must hash the same.
function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}
