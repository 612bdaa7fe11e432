import { afterAll, describe, expect, it, vi } from "vitest";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("policy-overrides");
process.env.SESSION_IDLE_TIMEOUT_SECONDS = "900";
const { db } = await import("@/lib/platform/db");
const { getSessionPolicy } = await import("@/lib/session/policy-overrides");
const { clearPolicyOverrides, saveTimeoutOverrides } = await import("@/lib/session/timeout-overrides");

afterAll(async () => {
  vi.useRealTimers();
  await db.$disconnect();
});

describe("the policy in force", () => {
  it("applies an administrator's change at once on the instance that made it", async () => {
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(900);
    expect(await saveTimeoutOverrides({ idleTimeoutSeconds: 120 })).toEqual({ ok: true });
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
    vi.useRealTimers();
  });

  it("refuses timeouts out of bounds, stores nothing, and keeps the old ones", async () => {
    const before = await db.setting.findMany();
    for (const overrides of [
      { absoluteTimeoutSeconds: 1e21 },
      { absoluteTimeoutSeconds: 0 },
      { idleTimeoutSeconds: 2.5 },
      { idleTimeoutSeconds: 7200, absoluteTimeoutSeconds: 3600 },
    ]) {
      const saved = await saveTimeoutOverrides(overrides);
      expect(saved.ok, JSON.stringify(overrides)).toBe(false);
    }
    expect(await db.setting.findMany()).toEqual(before);
    expect((await getSessionPolicy()).idleTimeoutSeconds).toBe(60);
  });

  it("falls back to the environment's policy when a stored value breaks the bounds", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await db.setting.upsert({
      where: { key: "absoluteTimeoutSeconds" },
      create: { key: "absoluteTimeoutSeconds", value: "1e21" },
      update: { value: "1e21" },
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10_000);
    expect(await getSessionPolicy()).toMatchObject({ idleTimeoutSeconds: 900, absoluteTimeoutSeconds: 43200 });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("stored-timeouts-ignored"));
    expect(await clearPolicyOverrides()).toBe(2);
    expect(await db.setting.count()).toBe(0);
    errors.mockRestore();
  });
});
