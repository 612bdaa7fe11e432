import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { THROTTLE_POLICY, waitAfterFailures } from "@/lib/sign-in/throttle-policy";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("throttle");
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
const { db } = await import("@/lib/platform/db");
const {
  beginConfirmationAttempt,
  beginSignInAttempt,
  clearAccountLock,
  countSignUpAttempt,
  findConfirmationWait,
  findSignInWait,
  findSignUpWait,
} = await import("@/lib/sign-in/throttle");

type Client = { email: string; ipAddress: string | null; knownBrowser: string | null };
type Attempt = Awaited<ReturnType<typeof beginSignInAttempt>>;

let counter = 0;
const newClient = (): Client => ({
  email: `throttle-${++counter}@example.test`,
  ipAddress: `192.0.2.${counter}`,
  knownBrowser: null,
});
const otherAddress = (client: Client, last = 200): Client => ({ ...client, ipAddress: `198.51.100.${last}` });
const start = new Date("2026-01-01T12:00:00Z").getTime();
let now = 0;
const at = (seconds: number) => {
  now = seconds;
  vi.setSystemTime(start + seconds * 1000);
};
const LOCKED = { throttled: true, retryAfterSeconds: THROTTLE_POLICY.lockoutSeconds };

/** A wrong password, or the refusal that came instead of a check. */
async function fail(begin: Promise<Attempt>) {
  const attempt = await begin;
  if (attempt.throttled) return attempt;
  await attempt.failed();
  return null;
}

/** Ten wrong passwords, each after the wait the one before it earned. */
async function lockOut(begin: () => Promise<Attempt>) {
  for (let failure = 1; failure <= THROTTLE_POLICY.lockoutAfterFailures; failure++) {
    at(now + waitAfterFailures(failure - 1) + 1);
    expect(await fail(begin()), `failure ${failure}`).toBeNull();
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  at(0);
});
afterAll(async () => {
  vi.useRealTimers();
  await db.$disconnect();
});

describe("waitAfterFailures", () => {
  it("forgives the first failures, then doubles the wait until the lockout", () => {
    const waits = Array.from({ length: 11 }, (_, index) => waitAfterFailures(index + 1));
    expect(waits).toEqual([0, 0, 0, 2, 4, 8, 16, 32, 64, 900, 900]);
    expect(THROTTLE_POLICY.lockoutSeconds).toBe(900);
  });
});

describe("sign-ins from browsers the account does not know", () => {
  it("make the account wait after its free failures, and a right password clears the count", async () => {
    const client = newClient();
    for (let failure = 1; failure <= THROTTLE_POLICY.freeFailuresPerAccount; failure++)
      expect(await fail(beginSignInAttempt(client))).toBeNull();
    expect(await fail(beginSignInAttempt(client))).toBeNull(); // the fourth failure is checked, and sets the first wait
    expect(await beginSignInAttempt(otherAddress(client))).toEqual({ throttled: true, retryAfterSeconds: 2 });

    at(3);
    const attempt = await beginSignInAttempt(client);
    expect(attempt.throttled).toBe(false);
    if (!attempt.throttled) await attempt.succeeded();
    expect(await fail(beginSignInAttempt(client))).toBeNull(); // counting starts again: a free failure
    expect(await findSignInWait(client)).toBeNull();
  });

  it(
    "lock the account after ten failures, for whichever unknown browser asks next",
    { tags: ["@v5.0.0-6.3.1"] },
    async () => {
      const client = newClient();
      await lockOut(() => beginSignInAttempt(client));
      expect(await beginSignInAttempt(otherAddress(client))).toEqual(LOCKED);
      expect(await findSignInWait(otherAddress(client))).toEqual(LOCKED);
    },
  );

  it(
    "cannot renew a lock without a wrong password: refused requests leave it to run out, and the next attempt is checked",
    { tags: ["@v5.0.0-6.3.1"] },
    async () => {
      const client = newClient();
      await lockOut(() => beginSignInAttempt(client));
      const lockedAt = now;
      for (let minute = 1; minute < 15; minute++) {
        at(lockedAt + minute * 60);
        expect(await beginSignInAttempt(client)).toEqual({ throttled: true, retryAfterSeconds: (15 - minute) * 60 });
      }
      // The refused requests cost the guesser's address nothing.
      const addressFailures = async () =>
        (await db.throttleCount.findUnique({ where: { key: `address-failures:address:${client.ipAddress}/32` } }))
          ?.points;
      expect(await addressFailures()).toBe(THROTTLE_POLICY.lockoutAfterFailures);
      at(lockedAt + THROTTLE_POLICY.lockoutSeconds + 1);
      // Checked: the owner's right password from a new browser gets in once the lock has run out.
      const owner = await beginSignInAttempt(otherAddress(client));
      expect(owner.throttled).toBe(false);
      if (!owner.throttled) await owner.abandoned();
      // A guess is checked too, counts against the guesser's address, and locks again.
      expect(await fail(beginSignInAttempt(client))).toBeNull();
      expect(await beginSignInAttempt(otherAddress(client))).toEqual(LOCKED);
      expect(await addressFailures()).toBe(THROTTLE_POLICY.lockoutAfterFailures + 1);
    },
  );

  it(
    "count attempts before they are checked, so guesses sent at once cannot all pass, before a lock or after it",
    { tags: ["@v5.0.0-6.3.1"] },
    async () => {
      const client = newClient();
      const attempts = await Promise.all(Array.from({ length: 15 }, () => beginSignInAttempt(client)));
      const checked = attempts.filter((attempt) => !attempt.throttled);
      expect(checked).toHaveLength(THROTTLE_POLICY.lockoutAfterFailures);
      for (const attempt of checked) if (!attempt.throttled) await attempt.failed();

      at(THROTTLE_POLICY.lockoutSeconds + 1);
      const afterLock = await Promise.all(Array.from({ length: 8 }, () => beginSignInAttempt(client)));
      expect(afterLock.filter((attempt) => !attempt.throttled)).toHaveLength(1);
    },
  );

  it(
    "block an address that fails across many accounts, and treat a /64 as one client",
    { tags: ["@v5.0.0-6.3.1"] },
    async () => {
      for (let account = 0; account < THROTTLE_POLICY.failuresPerAddress; account++) {
        const guess = { email: `spray-${account}@example.test`, ipAddress: `2001:db8:5:6::${account + 1}` };
        expect(await fail(beginSignInAttempt({ ...guess, knownBrowser: null }))).toBeNull();
      }
      const sprayer = { email: "spray-new@example.test", ipAddress: "2001:db8:5:6:ffff::1", knownBrowser: null };
      const next = await beginSignInAttempt(sprayer);
      expect(next).toEqual({ throttled: true, retryAfterSeconds: 3600 });
      expect(await findSignInWait({ ...sprayer, ipAddress: "2001:db8:5:6::abcd" })).toEqual(next);
      expect(await findSignInWait({ ...sprayer, ipAddress: "2001:db8:5:7::1" })).toBeNull();
    },
  );

  it("give an email with no account the same answers as one with an account", async () => {
    // The throttle never looks the email up: these are the same calls for any email.
    const client = newClient();
    for (let failure = 1; failure <= 4; failure++) await fail(beginSignInAttempt(client));
    expect(await findSignInWait(client)).toEqual({ throttled: true, retryAfterSeconds: 2 });
  });

  it("wait no longer once an administrator clears the account's count", async () => {
    const client = newClient();
    await lockOut(() => beginSignInAttempt(client));
    await clearAccountLock(client.email);
    expect(await findSignInWait(otherAddress(client))).toBeNull();
    for (let failure = 1; failure <= THROTTLE_POLICY.freeFailuresPerAccount; failure++)
      expect(await fail(beginSignInAttempt(otherAddress(client, failure)))).toBeNull();
  });
});

describe("sign-ins from a browser that has signed in to the account before", () => {
  it(
    "are not held by the account's lock or the address's block, only by their own wrong passwords",
    { tags: ["@v5.0.0-6.3.1"] },
    async () => {
      const client = newClient();
      await lockOut(() => beginSignInAttempt(client));
      const owner = { ...client, knownBrowser: "owners-browser-id-0000" };
      expect(await findSignInWait(owner)).toBeNull();
      const attempt = await beginSignInAttempt(owner);
      expect(attempt.throttled).toBe(false);
      if (!attempt.throttled) await attempt.succeeded();
      // The owner's right password does not lift the lock for browsers the account does not know.
      expect(await beginSignInAttempt(otherAddress(client))).toEqual(LOCKED);

      // The known browser's own guesses lock that browser alone, on the same schedule.
      await lockOut(() => beginSignInAttempt(owner));
      expect(await beginSignInAttempt(owner)).toEqual(LOCKED);
      expect(await findSignInWait({ ...owner, knownBrowser: "another-browser-id-000" })).toBeNull();
    },
  );
});

describe("password confirmations inside a session", () => {
  it(
    "wait only for that session's own wrong passwords, never for the account's lock",
    { tags: ["@v5.0.0-6.3.1"] },
    async () => {
      const client = newClient();
      await lockOut(() => beginSignInAttempt(client));
      const confirmation = await beginConfirmationAttempt("session-of-the-owner");
      expect(confirmation.throttled).toBe(false);
      if (!confirmation.throttled) await confirmation.succeeded();

      // A stolen session guesses on the same schedule as a stranger, and locks only itself.
      await lockOut(() => beginConfirmationAttempt("stolen-session"));
      expect(await beginConfirmationAttempt("stolen-session")).toEqual(LOCKED);
      expect(await findConfirmationWait("stolen-session")).toEqual(LOCKED);
      expect(await findConfirmationWait("session-of-the-owner")).toBeNull();
    },
  );
});

describe("countSignUpAttempt", () => {
  it("allows a number of new accounts per address an hour, then says how long to wait", async () => {
    const ipAddress = "203.0.113.50";
    for (let signUp = 0; signUp < THROTTLE_POLICY.signUpsPerAddress; signUp++) {
      expect(await countSignUpAttempt(ipAddress)).toBeNull();
    }
    // The limit's last sign-up already set the wait the proxy finds, before anyone tries one more.
    expect(await findSignUpWait(ipAddress)).toEqual({ throttled: true, retryAfterSeconds: 3600 });
    expect(await countSignUpAttempt(ipAddress)).toEqual({ throttled: true, retryAfterSeconds: 3600 });
    at(3601);
    expect(await countSignUpAttempt(ipAddress)).toBeNull();
  });
});
