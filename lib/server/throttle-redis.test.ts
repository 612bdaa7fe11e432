import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";
import { THROTTLE_POLICY } from "@/lib/session-policy";
import { createMigratedDatabase } from "@/testing/temporary-database";

// The machine's Redis (see ../shared/stack-notes.md); database 15, apart from anything else on it.
const REDIS_URL = "redis://127.0.0.1:6379/15";
process.env.DATABASE_URL = `file:${createMigratedDatabase()}`;
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
process.env.THROTTLE_REDIS_URL = REDIS_URL;
const { db } = await import("./db");
const { beginPasswordAttempt, findWait } = await import("./throttle");
const { readThrottleRedisUrl } = await import("./throttle-store");
const { emailLogReference } = await import("./audit-log");
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  redis.disconnect();
  (globalThis as { sessionproofThrottleRedis?: Redis }).sessionproofThrottleRedis?.disconnect();
  await db.$disconnect();
});

it("keeps the counts in Redis when THROTTLE_REDIS_URL is set: a lockout there holds for every instance", async () => {
  const client = { email: `redis-${randomBytes(4).toString("hex")}@example.test`, ipAddress: "198.51.100.7" };
  for (let failure = 0; failure < THROTTLE_POLICY.lockoutAfterFailures; failure++) {
    const attempt = await beginPasswordAttempt(client);
    if (attempt.throttled) {
      // A wait after a failure: what another instance would see is exactly what this one stored.
      await redis.del(`sessionproof:wait:account:${emailLogReference(client.email)}`);
      failure--;
      continue;
    }
    await attempt.failed();
  }
  expect(await findWait(client)).toEqual({ throttled: true, retryAfterSeconds: THROTTLE_POLICY.lockoutSeconds });
  expect(await redis.keys("sessionproof:account-failures:*")).not.toHaveLength(0);
  expect(await db.rateLimiterFlexible.count()).toBe(0);
});

it("refuses a THROTTLE_REDIS_URL that is not a Redis URL, without repeating it", () => {
  expect(readThrottleRedisUrl({})).toBeNull();
  expect(() => readThrottleRedisUrl({ THROTTLE_REDIS_URL: "https://user:s3cret@cache.example.test" })).toThrow(
    /redis:\/\//,
  );
  expect(() => readThrottleRedisUrl({ THROTTLE_REDIS_URL: "s3cret" })).not.toThrow(/s3cret/);
});
