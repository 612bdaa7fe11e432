import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { respellPaddingBits } from "@/testing/base64url";
import {
  generatePublicId,
  generateSessionToken,
  hashSessionToken,
  isWellFormedSessionToken,
} from "@/lib/session/session-token";

// Pass-through spies: the real CSPRNG and comparison still run, and the tests see the calls.
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  const spied = { ...real, randomBytes: vi.fn(real.randomBytes) };
  return { ...spied, default: spied };
});

beforeEach(() => vi.clearAllMocks());

describe("session tokens", () => {
  it("are 256 bits, base64url encoded", { tags: ["@v5.0.0-7.2.3", "@v4.0.3-3.2.2", "@v3.0.1-3.11"] }, () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("do not repeat", { tags: ["@v5.0.0-7.2.3", "@v3.0.1-3.11"] }, () => {
    const tokens = new Set(Array.from({ length: 10_000 }, generateSessionToken));
    expect(tokens.size).toBe(10_000);
  });

  it(
    "come from node:crypto's CSPRNG",
    { tags: ["@v5.0.0-7.2.3", "@v5.0.0-11.5.1", "@v4.0.3-6.3.1", "@v3.0.1-3.11"] },
    () => {
      generateSessionToken();
      generatePublicId();
      expect(vi.mocked(crypto.randomBytes).mock.calls.map(([size]) => size)).toEqual([32, 16]);
    },
  );

  it("are minted without Math.random, uuid or nanoid", () => {
    const source = readFileSync(new URL("./session-token.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/Math\.random|uuid|nanoid|cuid/);
  });

  it("hash to SHA-256 hex, never to the token itself", () => {
    const token = generateSessionToken();
    const hash = hashSessionToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(hash).not.toContain(token);
  });

  it("are recognised only in their exact shape, and in one spelling of their bytes", () => {
    for (let round = 0; round < 100; round++) expect(isWellFormedSessionToken(generateSessionToken())).toBe(true);
    // The last character's two low bits are padding: setting one spells the same 32 bytes another way.
    const token = generateSessionToken();
    const respelled = respellPaddingBits(token);
    expect(Buffer.from(respelled, "base64url")).toEqual(Buffer.from(token, "base64url"));
    expect(isWellFormedSessionToken(respelled)).toBe(false);
    for (const bad of [undefined, 42, "", "short", `${generateSessionToken()}x`, "a".repeat(42) + "=", "' OR 1=1 --"]) {
      expect(isWellFormedSessionToken(bad)).toBe(false);
    }
  });
});

describe("public session ids", () => {
  it("carry 128 random bits and differ from each other", () => {
    const ids = new Set(Array.from({ length: 1000 }, generatePublicId));
    expect(ids.size).toBe(1000);
    expect(Buffer.from([...ids][0]!, "base64url")).toHaveLength(16);
  });
});
