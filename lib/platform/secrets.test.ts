import { describe, expect, it } from "vitest";
import { ConfigurationError, readSealingSecrets } from "@/lib/platform/secrets";

const longSecret = "s".repeat(32);
const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe("reading the sealing secrets", () => {
  it("refuses to run without one, and says how to make one", () => {
    expect(() => readSealingSecrets(env({}))).toThrow(ConfigurationError);
    expect(() => readSealingSecrets(env({}))).toThrow(/SESSION_SECRET.*openssl rand/);
  });

  it("takes a single secret", () => {
    expect(readSealingSecrets(env({ SESSION_SECRET: longSecret }))).toEqual({ 1: longSecret });
  });

  it("takes a rotation map, which wins over the single secret", () => {
    const map = { 2: "n".repeat(40), 1: longSecret };
    expect(readSealingSecrets(env({ SESSION_SECRETS: JSON.stringify(map), SESSION_SECRET: "x".repeat(32) }))).toEqual(
      map,
    );
  });

  it("refuses short secrets and non-numeric ids", () => {
    expect(() => readSealingSecrets(env({ SESSION_SECRET: "too short" }))).toThrow(/at least 32/);
    expect(() => readSealingSecrets(env({ SESSION_SECRETS: JSON.stringify({ current: longSecret }) }))).toThrow(
      /positive integers/,
    );
  });

  it("reports malformed JSON without echoing the value", () => {
    const value = `{"1": "${longSecret}"`;
    expect(() => readSealingSecrets(env({ SESSION_SECRETS: value }))).toThrow(ConfigurationError);
    try {
      readSealingSecrets(env({ SESSION_SECRETS: value }));
    } catch (error) {
      expect(String(error)).not.toContain(longSecret);
    }
  });
});
