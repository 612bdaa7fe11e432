import { describe, expect, it } from "vitest";
import { ConfigurationError } from "@/lib/platform/secrets";
import { generateSigningKey, readSigningKeys } from "@/lib/programs/signing-keys";

const env = (keys: unknown) => ({ API_SIGNING_KEYS: JSON.stringify(keys) }) as unknown as NodeJS.ProcessEnv;

describe("reading the API signing keys", () => {
  it("refuses to run without one, and says how to make one", { tags: ["@v5.0.0-9.1.3"] }, () => {
    expect(() => readSigningKeys({} as NodeJS.ProcessEnv)).toThrow(ConfigurationError);
    expect(() => readSigningKeys({} as NodeJS.ProcessEnv)).toThrow(/API_SIGNING_KEYS.*npm run signing-key/);
  });

  it("signs with the first key and verifies with all of them, publishing only public halves", () => {
    const newer = generateSigningKey(new Date("2026-12-01T00:00:00Z"));
    const older = generateSigningKey(new Date("2026-11-01T00:00:00Z"));
    const keys = readSigningKeys(env({ keys: [newer, older] }));
    expect(keys.signing.kid).toBe(newer.kid);
    expect([...keys.verifying.keys()]).toEqual([newer.kid, older.kid]);
    expect(keys.published.keys.map((key) => key.kid)).toEqual([newer.kid, older.kid]);
    for (const published of keys.published.keys) {
      expect(published).not.toHaveProperty("d");
      expect(published).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    }
  });

  it("names the problem without echoing a private key", () => {
    const key = generateSigningKey();
    const cases: [unknown, RegExp][] = [
      [{ keys: [] }, /JSON Web Key Set with at least one key/],
      [{ keys: [{ ...key, kid: "../../etc/passwd" }] }, /needs a kid/],
      [{ keys: [{ ...key, crv: "P-256" }] }, /must be an Ed25519 private key/],
      [{ keys: [{ ...key, d: undefined }] }, /must be an Ed25519 private key/],
      [{ keys: [{ ...key, x: generateSigningKey().x }] }, /x is not the public half of d/],
      [{ keys: [key, { ...generateSigningKey(), kid: key.kid }] }, /uses the kid .* twice/],
    ];
    for (const [keySet, message] of cases) {
      let thrown: unknown;
      try {
        readSigningKeys(env(keySet));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as Error).message).not.toContain(key.d);
    }
    expect(() =>
      readSigningKeys({ API_SIGNING_KEYS: `{"keys":[${JSON.stringify(key)}` } as unknown as NodeJS.ProcessEnv),
    ).toThrow(/must be a JSON Web Key Set/);
  });
});
