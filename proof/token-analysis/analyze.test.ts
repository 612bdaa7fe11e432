import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSessionToken } from "@/lib/session/session-token";
import { analyzeTokens } from "./analyze";
import { allowedFailures } from "./math";

const failedChecks = (tokens: string[], options = {}) =>
  analyzeTokens(tokens, options)
    .checks.filter((check) => !check.passed)
    .map((check) => check.name);

const many = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i));

describe("the token analysis", () => {
  it("finds the app's own session tokens random: 20,000 of them, as npm run analyze-tokens samples", () => {
    const analysis = analyzeTokens(many(20_000, generateSessionToken));
    expect(analysis.checks.filter((check) => !check.passed)).toEqual([]);
    expect(analysis).toMatchObject({
      verdict: "random",
      encoding: "base64url",
      bitsPerToken: 256,
      uniqueTokens: 20_000,
    });
    expect(analysis.effectiveEntropyBits).toBeGreaterThan(240);
  });

  it("finds a small sample of node:crypto output random too", () => {
    expect(analyzeTokens(many(1000, () => randomBytes(32).toString("hex"))).verdict).toBe("random");
  });

  it("catches a counter", () => {
    const start = BigInt(`0x${randomBytes(31).toString("hex")}`);
    const tokens = many(5000, (i) => (start + BigInt(i)).toString(16).padStart(64, "0"));
    expect(failedChecks(tokens)).toEqual(
      expect.arrayContaining(["FIPS 140-2, whole stream", "Per bit position", "Effective entropy"]),
    );
  });

  it("catches a biased source", () => {
    const biased = () => {
      const bytes = randomBytes(64);
      const out = Buffer.alloc(32);
      for (let i = 0; i < 256; i++)
        if (bytes[i >> 2]! / 256 < 0.58 === (i & 3) < 4)
          out[i >> 3]! |= (bytes[(i * 7) % 64]! < 148 ? 1 : 0) << (i & 7);
      return out.toString("hex");
    };
    expect(failedChecks(many(5000, biased))).toEqual(
      expect.arrayContaining(["FIPS 140-2, whole stream", "NIST SP 800-22 subset"]),
    );
  });

  it("catches a single stuck bit, even though chance alone may fail a few positions", () => {
    const stuck = () => {
      const bytes = randomBytes(32);
      bytes[2]! |= 0b0100_0000;
      return bytes.toString("base64url");
    };
    expect(failedChecks(many(5000, stuck))).toContain("Per bit position");
  });

  it("catches a token too short to carry 128 bits", () => {
    expect(failedChecks(many(5000, () => randomBytes(8).toString("hex")))).toEqual(["Effective entropy"]);
  });

  it("catches repeated tokens", () => {
    const unique = many(2500, () => randomBytes(32).toString("hex"));
    expect(failedChecks([...unique, ...unique])).toContain("Uniqueness");
  });
});

describe("the false-alarm budget", () => {
  it("allows the few chance failures good data produces, and no more", () => {
    expect(allowedFailures(256, 0.001, 1e-4)).toBe(4);
    expect(allowedFailures(9, 0.01, 1e-4)).toBe(2);
    expect(allowedFailures(1, 0.001, 1e-4)).toBe(1);
  });
});
