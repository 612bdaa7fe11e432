import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("session-listener");
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
process.env.SESSION_TOUCH_INTERVAL_SECONDS = "30";
const { db } = await import("@/lib/platform/db");
const { createSession, endUserSession, validateSessionToken } = await import("@/lib/session/session-store");
const { subscribeActivityToSessions } = await import("@/lib/activity/session-listener");

const owner = { ipAddress: "192.0.2.1", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };
let userId: number;
let unsubscribe: () => boolean;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `listener-${Date.now()}@example.test`, passwordHash: "x" } })).id;
  unsubscribe = subscribeActivityToSessions();
});
afterAll(async () => {
  unsubscribe();
  await db.$disconnect();
});

const eventsOf = async (kind: string) => db.securityEvent.findMany({ where: { userId, kind }, orderBy: { id: "asc" } });

describe("the security activity, listening to the session store", () => {
  it("records each ended session with why it ended and the device that used it last", async () => {
    const { session } = await createSession(userId, owner);
    expect(await endUserSession(userId, session.publicId, "revoked-by-user")).toBe(true);
    const [ended] = await eventsOf("session-ended");
    expect(ended).toMatchObject({ detail: "revoked-by-user", ipAddress: owner.ipAddress, userAgent: owner.userAgent });
  });

  it("records a session used from another network or kind of device, and not its owner's own use", async () => {
    const { token } = await createSession(userId, owner);
    await validateSessionToken(token, { client: { ...owner, ipAddress: "192.0.2.77" } });
    expect(await eventsOf("session-used-elsewhere")).toEqual([]);
    const thief = { ipAddress: "198.51.100.66", userAgent: "curl/8.0" };
    await validateSessionToken(token, { client: thief });
    const told = await eventsOf("session-used-elsewhere");
    expect(told.map((event) => event.ipAddress)).toEqual([thief.ipAddress]);
  });
});
