import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { THROTTLE_POLICY, waitAfterFailures } from "@/lib/session-policy";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("throttle");
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
const { db } = await import("./db");
const { beginPasswordAttempt, countSignUpAttempt, findWait } = await import("./throttle");

let counter = 0;
const newClient = () => ({ email: `throttle-${++counter}@example.test`, ipAddress: `192.0.2.${counter}` });
const start = new Date("2026-01-01T12:00:00Z").getTime();
const at = (seconds: number) => vi.setSystemTime(start + seconds * 1000);

async function fail(client: { email: string; ipAddress: string | null }) {
  const attempt = await beginPasswordAttempt(client);
  if (attempt.throttled) return attempt;
  await attempt.failed();
  return null;
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

describe("beginPasswordAttempt", () => {
  it("makes an account wait after its free failures, and a right password clears the count", async () => {
    const client = newClient();
    for (let failure = 1; failure <= THROTTLE_POLICY.freeFailuresPerAccount; failure++)
      expect(await fail(client)).toBeNull();
    expect(await fail(client)).toBeNull(); // the fourth failure is checked, and sets the first wait
    expect(await beginPasswordAttempt(client)).toEqual({ throttled: true, retryAfterSeconds: 2 });

    at(3);
    const attempt = await beginPasswordAttempt(client);
    expect(attempt.throttled).toBe(false);
    if (!attempt.throttled) await attempt.succeeded();
    expect(await fail(client)).toBeNull(); // counting starts again: a free failure
  });

  it("locks an account after ten failures, for whichever client asks next", async () => {
    const client = newClient();
    for (let failure = 1; failure <= THROTTLE_POLICY.lockoutAfterFailures; failure++) {
      at(failure * 100); // past every growing wait
      expect(await fail(client)).toBeNull();
    }
    const elsewhere = { email: client.email, ipAddress: "198.51.100.200" };
    expect(await beginPasswordAttempt(elsewhere)).toEqual({ throttled: true, retryAfterSeconds: 900 });
  });

  it("counts attempts before they are checked, so guesses sent at once cannot all pass", async () => {
    const client = newClient();
    const attempts = await Promise.all(Array.from({ length: 15 }, () => beginPasswordAttempt(client)));
    expect(attempts.filter((attempt) => !attempt.throttled)).toHaveLength(THROTTLE_POLICY.lockoutAfterFailures);
  });

  it("blocks an address that fails across many accounts, and treats a /64 as one client", async () => {
    for (let account = 0; account < THROTTLE_POLICY.failuresPerAddress; account++) {
      expect(
        await fail({ email: `spray-${account}@example.test`, ipAddress: `2001:db8:5:6::${account + 1}` }),
      ).toBeNull();
    }
    const next = await beginPasswordAttempt({ email: "spray-new@example.test", ipAddress: "2001:db8:5:6:ffff::1" });
    expect(next).toEqual({ throttled: true, retryAfterSeconds: 3600 });
    expect(await findWait({ email: null, ipAddress: "2001:db8:5:6::abcd" })).toEqual(next);
    expect(await findWait({ email: null, ipAddress: "2001:db8:5:7::1" })).toBeNull();
  });

  it("gives an email with no account the same answers as one with an account", async () => {
    // The throttle never looks the email up: these are the same calls for any email.
    const client = newClient();
    for (let failure = 1; failure <= 4; failure++) await fail(client);
    expect(await findWait(client)).toEqual({ throttled: true, retryAfterSeconds: 2 });
  });
});

describe("countSignUpAttempt", () => {
  it("allows a number of new accounts per address an hour, then says how long to wait", async () => {
    const ipAddress = "203.0.113.50";
    for (let signUp = 0; signUp < THROTTLE_POLICY.signUpsPerAddress; signUp++) {
      expect(await countSignUpAttempt({ email: `new-${signUp}@example.test`, ipAddress })).toBeNull();
    }
    // The limit's last sign-up already set the wait the proxy finds, before anyone tries one more.
    expect(await findWait({ email: null, ipAddress }, { forSignUp: true })).toEqual({
      throttled: true,
      retryAfterSeconds: 3600,
    });
    expect(await findWait({ email: null, ipAddress })).toBeNull();
    expect(await countSignUpAttempt({ email: "one-more@example.test", ipAddress })).toEqual({
      throttled: true,
      retryAfterSeconds: 3600,
    });
    at(3601);
    expect(await countSignUpAttempt({ email: "one-more@example.test", ipAddress })).toBeNull();
  });
});
