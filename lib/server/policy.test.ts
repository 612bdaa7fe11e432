import { afterAll, describe, expect, it, vi } from "vitest";
import { createMigratedDatabase } from "@/lib/testing/temporary-database";

process.env.DATABASE_URL = `file:${createMigratedDatabase()}`;
process.env.SESSION_IDLE_TIMEOUT_SECONDS = "900";
const { db } = await import("./db");
const { getSessionPolicy, setPolicyOverrides } = await import("./policy");

afterAll(async () => {
  vi.useRealTimers();
  await db.$disconnect();
});

describe("the policy in force", () => {
  it("applies an administrator's change at once on the instance that made it", async () => {
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(900);
    await setPolicyOverrides({ idleTimeoutSeconds: 120 });
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(120);
  });

  it("picks up a change another instance stored within 5 seconds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(120);
    // Another server instance writes the setting straight to the shared database.
    await db.setting.update({ where: { key: "idleTimeoutSeconds" }, data: { value: "60" } });
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(120);
    vi.setSystemTime(Date.now() + 5000);
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(60);
  });

  it("refuses timeouts that are not whole seconds, and keeps the old ones", async () => {
    await expect(setPolicyOverrides({ absoluteTimeoutSeconds: 0 })).rejects.toThrow(/whole numbers/);
    await expect(setPolicyOverrides({ idleTimeoutSeconds: 2.5 })).rejects.toThrow(/whole numbers/);
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(60);
  });
});
