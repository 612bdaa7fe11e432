import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

// The store reads its database and policy when first imported.
process.env.DATABASE_URL = await createTestDatabaseUrl("session");
process.env.SESSION_IDLE_TIMEOUT_SECONDS = "600";
process.env.SESSION_ABSOLUTE_TIMEOUT_SECONDS = "3600";
process.env.SESSION_TOUCH_INTERVAL_SECONDS = "30";
process.env.SESSION_MAX_CONCURRENT = "2";
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
const { db } = await import("@/lib/platform/db");
const { createSession, endUserSession, rotateSession, validateSessionToken } =
  await import("@/lib/session/session-store");
const { hashSessionToken } = await import("@/lib/session/session-token");
const { subscribeToSessionEvents } = await import("@/lib/session/session-events");

const client = { ipAddress: "192.0.2.1", userAgent: "vitest" };
let userId: number;
const start = new Date("2026-01-01T12:00:00Z");
const at = (seconds: number) => vi.setSystemTime(start.getTime() + seconds * 1000);

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `store-${Date.now()}@example.test`, passwordHash: "x" } })).id;
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  at(0);
});
afterAll(async () => {
  vi.useRealTimers();
  await db.$disconnect();
});

describe("the session store", () => {
  it("stores the token's hash, never the token, and recognises the token afterwards", async () => {
    const { token, session } = await createSession(userId, client);
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.tokenHash).toBe(hashSessionToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const result = await validateSessionToken(token);
    expect(result).toMatchObject({ status: "valid", user: { id: userId }, session: { publicId: row.publicId } });
  });

  it("does not know tokens it never issued", { tags: ["@v5.0.0-7.2.1", "@v3.0.1-3.10"] }, async () => {
    expect(await validateSessionToken("A".repeat(43))).toEqual({ status: "none" });
  });

  it("writes last-seen at most once per touch interval, however many requests arrive", async () => {
    const { token, session } = await createSession(userId, client);
    const update = vi.spyOn(db.session, "updateMany");
    const rowsWritten = async () =>
      (await Promise.all(update.mock.results.map((result) => result.value))).reduce((sum, { count }) => sum + count, 0);
    for (let second = 1; second < 30; second++) {
      at(second);
      expect((await validateSessionToken(token)).status).toBe("valid");
    }
    expect(update).not.toHaveBeenCalled();
    at(30);
    // Requests that arrive together, then one after them.
    await Promise.all(Array.from({ length: 5 }, () => validateSessionToken(token)));
    await validateSessionToken(token);
    expect(await rowsWritten()).toBe(1);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt).toEqual(
      new Date(start.getTime() + 30_000),
    );
    update.mockRestore();
  });

  it("writes the last use at once when another address or device uses the session, and otherwise only at the interval", async () => {
    const { token, session } = await createSession(userId, client);
    const usedElsewhere = vi.fn(async () => {});
    const unsubscribe = subscribeToSessionEvents("test", { usedElsewhere });
    const lastUse = async () => {
      const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
      return { ipAddress: row.lastIpAddress, userAgent: row.lastUserAgent, lastSeenAt: row.lastSeenAt };
    };
    const thief = { ipAddress: "198.51.100.66", userAgent: "curl/8.0" };
    at(5);
    await validateSessionToken(token, { client });
    expect(await lastUse()).toEqual({ ...client, lastSeenAt: start });
    at(6);
    await validateSessionToken(token, { client: thief });
    expect(await lastUse()).toEqual({ ...thief, lastSeenAt: new Date(start.getTime() + 6000) });
    // Whoever listens (the owner's security activity) hears of it.
    expect(usedElsewhere).toHaveBeenCalledWith(
      { userId, signIn: client, lastUse: thief, at: new Date(start.getTime() + 6000) },
      expect.anything(),
    );
    // The owner, from the sign-in's own browser, does not wipe that out at once: only once the interval is due.
    at(9);
    await validateSessionToken(token, { client });
    expect(await lastUse()).toMatchObject(thief);
    at(40);
    await validateSessionToken(token, { client });
    expect(await lastUse()).toMatchObject(client);
    // From the same address with another browser: another device, written at once too.
    at(41);
    await validateSessionToken(token, { client: { ...client, userAgent: "another browser" } });
    expect(await lastUse()).toMatchObject({ ipAddress: client.ipAddress, userAgent: "another browser" });
    // Looking without activity (the countdown) writes nothing.
    at(42);
    await validateSessionToken(token, { client: thief, activity: false });
    expect(await lastUse()).toMatchObject({ userAgent: "another browser" });
    expect(usedElsewhere).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it(
    "ends a session left idle, records why, and keeps refusing it",
    { tags: ["@v5.0.0-7.3.1", "@v3.0.1-3.3"] },
    async () => {
      const { token, session } = await createSession(userId, client);
      at(600);
      expect(await validateSessionToken(token)).toEqual({ status: "ended", reason: "idle-timeout" });
      const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
      expect(row).toMatchObject({ endReason: "idle-timeout", endedAt: new Date(start.getTime() + 600_000) });
      at(0);
      expect(await validateSessionToken(token)).toEqual({ status: "ended", reason: "idle-timeout" });
    },
  );

  it("ends an active session at the absolute limit", { tags: ["@v5.0.0-7.3.2", "@v3.0.1-3.4"] }, async () => {
    const { token } = await createSession(userId, client);
    for (let second = 500; second < 3600; second += 500) {
      at(second);
      expect((await validateSessionToken(token)).status).toBe("valid");
    }
    at(3600);
    expect(await validateSessionToken(token)).toEqual({ status: "ended", reason: "absolute-timeout" });
  });

  it(
    "renews the token on re-authentication, ends the old one, and keeps the sign-in time and absolute limit",
    { tags: ["@v5.0.0-7.2.4", "@v3.0.1-3.7"] },
    async () => {
      const { token, session } = await createSession(userId, client);
      at(100);
      const current = await validateSessionToken(token);
      if (current.status !== "valid") throw new Error("expected a valid session");
      const rotated = await rotateSession(current.session, userId, client);
      expect(rotated.token).not.toBe(token);
      expect(await validateSessionToken(token)).toEqual({ status: "ended", reason: "rotated" });
      expect(rotated.session).toMatchObject({
        createdAt: session.createdAt,
        absoluteExpiresAt: session.absoluteExpiresAt,
      });
      expect(rotated.session.authenticatedAt).toEqual(new Date(start.getTime() + 100_000));
      expect((await validateSessionToken(rotated.token)).status).toBe("valid");
    },
  );

  it(
    "ends the least recently used session when a sign-in goes past the per-user limit",
    { tags: ["@v3.0.1-3.16"] },
    async () => {
      const owner = await db.user.create({ data: { email: `limit-${Date.now()}@example.test`, passwordHash: "x" } });
      const first = await createSession(owner.id, client);
      at(10);
      const second = await createSession(owner.id, client);
      at(40);
      await validateSessionToken(first.token); // past the write interval: the first is now the more recently used
      at(50);
      const third = await createSession(owner.id, client);
      expect(third.evicted).toBe(1);
      expect(await validateSessionToken(second.token)).toEqual({ status: "ended", reason: "evicted" });
      expect((await validateSessionToken(first.token)).status).toBe("valid");
      expect((await validateSessionToken(third.token)).status).toBe("valid");
    },
  );

  it("ends the sessions of a disabled user on their next request", { tags: ["@v5.0.0-7.4.2"] }, async () => {
    const other = await db.user.create({ data: { email: `disabled-${Date.now()}@example.test`, passwordHash: "x" } });
    const { token } = await createSession(other.id, client);
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    expect(await validateSessionToken(token)).toEqual({ status: "ended", reason: "user-disabled" });
  });

  // These hold on SQLite, which runs one write at a time, and must hold on PostgreSQL (npm run test:postgres),
  // where transactions overlap.
  it("lets sign-ins that race each other end up within the session limit", { tags: ["@v3.0.1-3.16"] }, async () => {
    const racer = await db.user.create({ data: { email: `race-${Date.now()}@example.test`, passwordHash: "x" } });
    await Promise.all(Array.from({ length: 20 }, () => createSession(racer.id, client)));
    expect(await db.session.count({ where: { userId: racer.id, endedAt: null } })).toBe(2);
  });

  it("ends a session once when two requests end it at the same moment", async () => {
    const { session } = await createSession(userId, client);
    const endings = await Promise.all([1, 2, 3].map(() => endUserSession(userId, session.publicId, "revoked-by-user")));
    expect(endings.filter((ended) => ended)).toHaveLength(1);
  });
});
