import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_CLEANUP_POLICY } from "@/lib/session/cleanup-policy";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("session-cleanup");
process.env.SESSION_IDLE_TIMEOUT_SECONDS = "600";
process.env.SESSION_ABSOLUTE_TIMEOUT_SECONDS = "3600";
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
const { db } = await import("@/lib/platform/db");
const { createSession, validateSessionToken } = await import("@/lib/session/session-store");
const { pruneSessions, scheduleSessionPruning } = await import("@/lib/operations/cleanup");
const { subscribeActivityToSessions } = await import("@/lib/activity/session-listener");
subscribeActivityToSessions();

const client = { ipAddress: "192.0.2.1", userAgent: "vitest" };
const DAY_MS = 24 * 3600 * 1000;
let userId: number;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: "cleanup@example.test", passwordHash: "x" } })).id;
});
afterAll(() => db.$disconnect());

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);

describe("the session cleanup", () => {
  it("ends the sessions nobody presented again after a limit, as the session check would have", async () => {
    const idle = await createSession(userId, client);
    const pastAbsolute = await createSession(userId, client);
    const live = await createSession(userId, client);
    await db.session.update({ where: { id: idle.session.id }, data: { lastSeenAt: secondsAgo(601) } });
    await db.session.update({
      where: { id: pastAbsolute.session.id },
      data: { lastSeenAt: secondsAgo(10), absoluteExpiresAt: secondsAgo(1) },
    });

    expect((await pruneSessions({ retentionDays: 30 })).ended).toBe(2);

    const rows = await db.session.findMany({ where: { userId }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.endReason)).toEqual(["idle-timeout", "absolute-timeout", null]);
    expect(await validateSessionToken(idle.token)).toEqual({ status: "ended", reason: "idle-timeout" });
    expect((await validateSessionToken(live.token)).status).toBe("valid");
    // The owner's security activity hears of both, as it would had the cookie come back.
    const events = await db.securityEvent.findMany({ where: { userId, kind: "session-expired" } });
    expect(events.map((event) => event.detail).sort()).toEqual(["absolute-timeout", "idle-timeout"]);
  });

  it("deletes the sessions ended before the retention period, in batches, and keeps the rest", async () => {
    const old = new Date(Date.now() - 31 * DAY_MS);
    const recent = new Date(Date.now() - 29 * DAY_MS);
    const count = SESSION_CLEANUP_POLICY.batchSize * 2 + 7;
    const row = (index: number, endedAt: Date) => ({
      publicId: `cleanup-${endedAt.getTime()}-${index}`,
      tokenHash: `cleanup-hash-${endedAt.getTime()}-${index}`,
      userId,
      lastSeenAt: endedAt,
      absoluteExpiresAt: endedAt,
      authenticatedAt: endedAt,
      endedAt,
      endReason: "sign-out",
    });
    await db.session.createMany({ data: Array.from({ length: count }, (_, index) => row(index, old)) });
    await db.session.createMany({ data: Array.from({ length: 3 }, (_, index) => row(index, recent)) });
    const openBefore = await db.session.count({ where: { endedAt: null } });

    expect((await pruneSessions({ retentionDays: 30 })).deleted).toBe(count);
    expect(await db.session.count({ where: { endedAt: { lt: recent } } })).toBe(0);
    expect(await db.session.count({ where: { endedAt: recent } })).toBe(3);
    expect(await db.session.count({ where: { endedAt: null } })).toBe(openBefore);
  });

  it("deletes the programs' device requests that were redeemed or expired long ago, and keeps those still waiting", async () => {
    const request = (name: string, expiresAt: Date, redeemedAt: Date | null = null) => ({
      deviceCodeHash: `cleanup-device-${name}`,
      userCodeHash: `cleanup-user-${name}`,
      programName: name,
      expiresAt,
      redeemedAt,
    });
    await db.deviceAuthorization.createMany({
      data: [
        request("waiting", secondsAgo(-60)),
        request("redeemed", secondsAgo(-60), new Date()),
        request("long expired", secondsAgo(3600)),
      ],
    });
    expect((await pruneSessions({ retentionDays: 30 })).deviceRequestsDeleted).toBe(2);
    expect((await db.deviceAuthorization.findMany()).map((row) => row.programName)).toEqual(["waiting"]);
  });

  it("runs on its own every SESSION_PRUNE_INTERVAL_MINUTES when that is set", async () => {
    vi.useFakeTimers({ toFake: ["setInterval"] });
    const log = vi.spyOn(console, "log");
    const reportedRuns = () => log.mock.calls.filter(([line]) => String(line).includes('"sessions-pruned"')).length;
    try {
      const abandoned = await createSession(userId, client);
      await db.session.update({ where: { id: abandoned.session.id }, data: { lastSeenAt: secondsAgo(601) } });
      scheduleSessionPruning({ ...process.env, SESSION_PRUNE_INTERVAL_MINUTES: "5" });
      await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
      expect(reportedRuns()).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      await expect.poll(reportedRuns).toBe(1);
      expect((await db.session.findUniqueOrThrow({ where: { id: abandoned.session.id } })).endReason).toBe(
        "idle-timeout",
      );
    } finally {
      vi.clearAllTimers();
      vi.useRealTimers();
      log.mockRestore();
    }
  });
});
