import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

process.env.DATABASE_URL = await createTestDatabaseUrl("device-authorizations");
process.env.SESSION_SECRET = "unit-test-secret-of-at-least-32-characters";
const { db } = await import("@/lib/platform/db");
const {
  deleteFinishedDeviceAuthorizations,
  findPendingDeviceAuthorization,
  normalizeUserCode,
  redeemDeviceCode,
  startDeviceAuthorization,
} = await import("@/lib/programs/device-authorizations");
const { beginUserCodeLookup, countDeviceStart } = await import("@/lib/programs/device-flow-limits");

afterAll(() => db.$disconnect());

const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe("user codes of the device flow", () => {
  it("read the same however the user types them", () => {
    for (const typed of ["BCDF-GHJK", "bcdfghjk", " bcdf ghjk ", "Bcdf-Ghjk"]) {
      expect(normalizeUserCode(typed)).toBe("BCDF-GHJK");
    }
  });

  it("refuse vowels, digits, the wrong length and anything beyond plain ASCII before any lookup", () => {
    // "ß" upper-cases to "SS" and "ﬆ" to "ST": letters of the alphabet, but not a spelling of any code.
    for (const typed of [
      "ABCD-EFGH",
      "BCDF-GHJ1",
      "BCDF-GHJ",
      "BCDF-GHJKL",
      "",
      "' OR 1=1 --",
      "BCDF-GHß",
      "BCDFGHﬆ",
    ]) {
      expect(normalizeUserCode(typed), typed).toBeNull();
    }
    expect(normalizeUserCode("ＢＣＤＦ-ＧＨＪＫ")).toBeNull();
  });

  it("are stored as a keyed hash, which a reader of the table cannot check guesses against", async () => {
    const { userCode } = (await startDeviceAuthorization("keyed hash"))!;
    const plain = createHash("sha256").update(userCode).digest("hex");
    expect(await db.deviceAuthorization.count({ where: { userCodeHash: plain } })).toBe(0);
    expect(await findPendingDeviceAuthorization(userCode)).toMatchObject({ programName: "keyed hash" });
  });
});

describe("device requests", () => {
  it("stop being started while the policy's number of them wait for an answer", async () => {
    const waiting = await db.deviceAuthorization.count({ where: { expiresAt: { gt: new Date() } } });
    await db.deviceAuthorization.createMany({
      data: Array.from({ length: PROGRAM_TOKEN_POLICY.pendingDeviceRequestsLimit - waiting }, (_, index) => ({
        deviceCodeHash: `filler-device-${index}`,
        userCodeHash: `filler-user-${index}`,
        programName: "filler",
        expiresAt: secondsFromNow(60),
      })),
    });
    expect(await startDeviceAuthorization("one too many")).toBeNull();
    await db.deviceAuthorization.deleteMany({ where: { programName: "filler" } });
    expect(await startDeviceAuthorization("room again")).not.toBeNull();
  });

  it("are deleted by the cleanup once redeemed, or long expired; waiting ones and a late poll's are kept", async () => {
    const started = async (name: string) => (await startDeviceAuthorization(name))!;
    const waiting = await started("waiting");
    const justExpired = await started("just expired");
    const longExpired = await started("long expired");
    const redeemed = await started("redeemed");
    const expire = (name: string, secondsAgo: number) =>
      db.deviceAuthorization.updateMany({
        where: { programName: name },
        data: { expiresAt: secondsFromNow(-secondsAgo) },
      });
    await expire("just expired", 5);
    await expire("long expired", PROGRAM_TOKEN_POLICY.deviceCodeSeconds + 5);
    await db.deviceAuthorization.updateMany({ where: { programName: "redeemed" }, data: { redeemedAt: new Date() } });

    expect(await deleteFinishedDeviceAuthorizations()).toBeGreaterThanOrEqual(2);
    const left = await db.deviceAuthorization.findMany({ select: { programName: true } });
    const names = left.map((row) => row.programName);
    expect(names).toEqual(expect.arrayContaining(["waiting", "just expired"]));
    expect(names).not.toContain("long expired");
    expect(names).not.toContain("redeemed");
    expect(await redeemDeviceCode(justExpired.deviceCode)).toEqual({ status: "expired" });
    expect(await redeemDeviceCode(longExpired.deviceCode)).toEqual({ status: "refused" });
    expect(await redeemDeviceCode(redeemed.deviceCode)).toEqual({ status: "refused" });
    expect(await redeemDeviceCode(waiting.deviceCode)).toEqual({ status: "pending" });
  });
});

describe("the device flow's limits", () => {
  it(
    "let one address start so many requests within a code's lifetime, then say how long to wait",
    { tags: ["@v5.0.0-6.3.4"] },
    async () => {
      for (let start = 0; start < PROGRAM_TOKEN_POLICY.deviceStartsPerAddress; start++) {
        expect(await countDeviceStart("203.0.113.7")).toBeNull();
      }
      const refused = await countDeviceStart("203.0.113.7");
      expect(refused).toMatchObject({ throttled: true });
      expect(refused!.retryAfterSeconds).toBeGreaterThan(PROGRAM_TOKEN_POLICY.deviceCodeSeconds - 60);
      expect(await countDeviceStart("203.0.113.8")).toBeNull();
    },
  );

  it(
    "count codes that find no program per account and per address; a code that finds one costs nothing",
    { tags: ["@v5.0.0-6.3.4"] },
    async () => {
      const client = { userId: 4242, ipAddress: "203.0.113.9" };
      for (let found = 0; found < 3 * PROGRAM_TOKEN_POLICY.wrongUserCodesPerAccount; found++) {
        const lookup = await beginUserCodeLookup(client);
        expect(lookup.throttled).toBe(false);
        if (!lookup.throttled) await lookup.found();
      }
      for (let wrong = 0; wrong < PROGRAM_TOKEN_POLICY.wrongUserCodesPerAccount; wrong++) {
        expect((await beginUserCodeLookup(client)).throttled).toBe(false);
      }
      expect(await beginUserCodeLookup(client)).toMatchObject({ throttled: true });
      // The same account from another address, and another account from the same address: the account is out...
      expect(await beginUserCodeLookup({ ...client, ipAddress: "203.0.113.10" })).toMatchObject({ throttled: true });
      // ... and the address has room left for others, up to its own allowance.
      const sameAddress = { userId: 4343, ipAddress: client.ipAddress };
      const left = PROGRAM_TOKEN_POLICY.wrongUserCodesPerAddress - PROGRAM_TOKEN_POLICY.wrongUserCodesPerAccount;
      for (let wrong = 0; wrong < left; wrong++) {
        expect((await beginUserCodeLookup({ ...sameAddress, userId: 5000 + wrong })).throttled).toBe(false);
      }
      expect(await beginUserCodeLookup(sameAddress)).toMatchObject({ throttled: true });
    },
  );
});
