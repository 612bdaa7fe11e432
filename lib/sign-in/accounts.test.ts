import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("user");
const { db } = await import("@/lib/platform/db");
const { createUser, verifyUserCredentials } = await import("@/lib/sign-in/accounts");

const { passwordHasher } = await import("@/lib/sign-in/password-hasher");

const verify = vi.spyOn(passwordHasher, "verify");
const hash = vi.spyOn(passwordHasher, "hash");
beforeEach(() => vi.clearAllMocks());
afterAll(() => db.$disconnect());

describe("checking credentials", () => {
  it("spends one argon2id verification whether or not the account exists, so timing tells nothing", async () => {
    await createUser("known@example.test", "the right password");
    vi.clearAllMocks();

    expect(await verifyUserCredentials("nobody@example.test", "a guess")).toEqual({
      ok: false,
      reason: "unknown-email",
    });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(await verifyUserCredentials("known@example.test", "a guess")).toMatchObject({
      ok: false,
      reason: "wrong-password",
    });
    expect(verify).toHaveBeenCalledTimes(2);
    expect(await verifyUserCredentials("known@example.test", "the right password")).toMatchObject({
      ok: true,
      user: { email: "known@example.test" },
    });
  });

  it("hashes at sign-up before looking for the email, so a taken address costs the same", async () => {
    await createUser("taken@example.test", "first password");
    vi.clearAllMocks();
    expect(await createUser("taken@example.test", "second password")).toBeNull();
    expect(hash).toHaveBeenCalledTimes(1);
  });
});
