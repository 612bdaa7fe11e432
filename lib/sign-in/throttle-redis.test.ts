import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";
import { THROTTLE_POLICY } from "@/lib/sign-in/throttle-policy";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

// The machine's Redis (see ../shared/stack-notes.md); database 15, apart from anything else on it.
const REDIS_URL = "redis://127.0.0.1:6379/15";
process.env.DATABASE_URL = await createTestDatabaseUrl("throttle-redis");
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
process.env.THROTTLE_REDIS_URL = REDIS_URL;
const { db } = await import("@/lib/platform/db");
const { beginSignInAttempt, findSignInWait } = await import("@/lib/sign-in/throttle");
const { readThrottleRedisUrl } = await import("@/lib/platform/throttle-store");
const { emailLogReference } = await import("@/lib/platform/audit-log");
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  redis.disconnect();
  (globalThis as { sessionproofThrottleRedis?: Redis }).sessionproofThrottleRedis?.disconnect();
  await db.$disconnect();
});

it("keeps the counts in Redis when THROTTLE_REDIS_URL is set: a lockout there holds for every instance", async () => {
  // Redis outlives a test run: a client of its own each time, so no earlier run's counts get in the way.
  const id = randomBytes(2);
  const client = {
    email: `redis-${id.toString("hex")}@example.test`,
    ipAddress: `198.51.${id[0]}.${id[1]}`,
    knownBrowser: null,
  };
  let failures = 0;
  for (
    let attempt = 0;
    attempt < 3 * THROTTLE_POLICY.lockoutAfterFailures && failures < THROTTLE_POLICY.lockoutAfterFailures;
    attempt++
  ) {
    const check = await beginSignInAttempt(client);
    if (check.throttled) {
      // The wait after a failure is ended by hand; it is stored where another instance would find it too.
      expect(await redis.del(`sessionproof:wait:account:${emailLogReference(client.email)}`)).toBe(1);
      continue;
    }
    await check.failed();
    failures++;
  }
  expect(failures).toBe(THROTTLE_POLICY.lockoutAfterFailures);
  expect(await findSignInWait(client)).toEqual({ throttled: true, retryAfterSeconds: THROTTLE_POLICY.lockoutSeconds });
  expect(await redis.keys("sessionproof:account-failures:*")).not.toHaveLength(0);
  expect(await db.throttleCount.count()).toBe(0);
});

it("refuses a THROTTLE_REDIS_URL that is not a Redis URL, without repeating it", () => {
  expect(readThrottleRedisUrl({})).toBeNull();
  expect(() => readThrottleRedisUrl({ THROTTLE_REDIS_URL: "https://user:s3cret@cache.example.test" })).toThrow(
    /redis:\/\//,
  );
  expect(() => readThrottleRedisUrl({ THROTTLE_REDIS_URL: "s3cret" })).not.toThrow(/s3cret/);
});
