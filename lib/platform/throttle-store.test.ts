import { afterAll, expect, it } from "vitest";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("throttle_store");
delete process.env.THROTTLE_REDIS_URL;
const { db } = await import("@/lib/platform/db");
const { createLimiter } = await import("@/lib/platform/throttle-store");

afterAll(() => db.$disconnect());

it("counts in the ThrottleCount table, with the moment a count ends in milliseconds", async () => {
  const limiter = createLimiter("store-test", 3, 60);
  const before = Date.now();
  await limiter.consume("counted");
  const second = await limiter.consume("counted");
  expect(second.consumedPoints).toBe(2);
  const row = await db.throttleCount.findUniqueOrThrow({ where: { key: "store-test:counted" } });
  expect(row.points).toBe(2);
  expect(Number(row.expire)).toBeGreaterThanOrEqual(before + 60_000);
  expect(Number(row.expire)).toBeLessThanOrEqual(Date.now() + 60_000);
});

it("waits for the write lock a transaction holds without stopping the process, then counts", async () => {
  const limiter = createLimiter("store-test", 3, 60);
  let counting: Promise<unknown> | undefined;
  await db.$transaction(async (tx) => {
    await tx.user.create({ data: { email: "lock-holder@example.test", passwordHash: "x" } });
    counting = limiter.consume("while-locked");
    // On SQLite the count meets the lock this transaction holds. Waiting for it inside SQLite would hold the event
    // loop for the whole lock wait (5 s) before the next timer could fire; waiting between tries lets it turn.
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(performance.now() - started).toBeLessThan(2_500);
  });
  await counting;
  expect(await db.user.count({ where: { email: "lock-holder@example.test" } })).toBe(1);
  expect((await db.throttleCount.findUniqueOrThrow({ where: { key: "store-test:while-locked" } })).points).toBe(1);
});
