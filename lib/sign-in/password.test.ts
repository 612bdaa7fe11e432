import argon2 from "argon2";
import { describe, expect, it } from "vitest";
import {
  HASHING_CONCURRENCY,
  HASHING_QUEUE_LIMIT,
  PasswordHashingBusy,
  hashPassword,
  isHashBelowCurrentStrength,
  verifyDecoyPassword,
  verifyPassword,
} from "@/lib/sign-in/password";

describe("password hashing", () => {
  it("uses argon2id at the OWASP minimum or above", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const [, algorithm, , params] = hash.split("$");
    expect(algorithm).toBe("argon2id");
    const values = Object.fromEntries(params!.split(",").map((pair) => pair.split("=")));
    expect(Number(values.m)).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(values.t)).toBeGreaterThanOrEqual(2);
    expect(Number(values.p)).toBeGreaterThanOrEqual(1);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery staple")).toBe(false);
  });

  it("treats differently composed Unicode of the same text as the same password", async () => {
    const hash = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword(hash, "cafe\u0301 au lait")).toBe(true);
  });

  it("says no, without throwing, for a stored hash it cannot read", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("checks unknown accounts against a decoy, which never matches", async () => {
    expect(await verifyDecoyPassword("decoy password that belongs to nobody")).toBe(false);
  });

  it("flags hashes made with weaker settings for an upgrade", async () => {
    const weak = await argon2.hash("pw", { type: argon2.argon2id, memoryCost: 4096, timeCost: 1 });
    expect(isHashBelowCurrentStrength(weak)).toBe(true);
    expect(isHashBelowCurrentStrength(await hashPassword("pw"))).toBe(false);
  });

  it("turns callers away at once, rather than queueing them, when the hashing queue is full", async () => {
    const hash = await hashPassword("pw");
    const extra = 5;
    const checks = Array.from({ length: HASHING_CONCURRENCY + HASHING_QUEUE_LIMIT + extra }, () =>
      verifyPassword(hash, "pw").then(
        () => "checked" as const,
        (error: unknown) => (error instanceof PasswordHashingBusy ? ("busy" as const) : ("other" as const)),
      ),
    );
    // The refusals come back before the first hash is done.
    expect(await Promise.race(checks)).toBe("busy");
    const outcomes = await Promise.all(checks);
    const busy = outcomes.filter((outcome) => outcome === "busy").length;
    expect(outcomes).not.toContain("other");
    expect(busy).toBeGreaterThanOrEqual(extra);
    expect(busy).toBeLessThanOrEqual(extra + HASHING_CONCURRENCY);
  });
});
