import { sealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { sealSessionToken, unsealSessionToken } from "@/lib/session/session-cookie";
import { tamperWithSeal } from "@/testing/seal-tampering";
import { generateSessionToken } from "@/lib/session/session-token";

const secrets = { 1: "first-test-secret-of-at-least-32-characters" };
const rotated = { 2: "second-test-secret-of-at-least-32-characters", ...secrets };
const token = generateSessionToken();

describe("sealing the session token", () => {
  it("round-trips the token, and the seal does not reveal it", async () => {
    const sealed = await sealSessionToken(token, 60, secrets);
    expect(sealed).toMatch(/^Fe26\.2\*1\*/);
    expect(sealed).not.toContain(token);
    expect(await unsealSessionToken(sealed, secrets)).toBe(token);
  });

  it("opens cookies sealed with an older secret after a new one is added, and seals with the newest", async () => {
    const old = await sealSessionToken(token, 60, secrets);
    expect(await unsealSessionToken(old, rotated)).toBe(token);
    expect(await sealSessionToken(token, 60, rotated)).toMatch(/^Fe26\.2\*2\*/);
  });

  it(
    "rejects cookies sealed with a secret that has been retired",
    { tags: ["@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async () => {
      const newer = await sealSessionToken(token, 60, rotated);
      expect(await unsealSessionToken(newer, secrets)).toBeNull();
    },
  );
});

describe("an unreadable cookie means anonymous, never an error", async () => {
  const sealed = await sealSessionToken(token, 60, secrets);
  const variants: Record<string, string | Promise<string>> = {
    ...tamperWithSeal(sealed),
    "an attacker's secret": sealSessionToken(token, 60, { 1: "attacker-secret-of-at-least-32-characters!!" }),
    "an expired seal": sealSessionToken(token, -120, secrets),
    "a valid seal of the wrong shape": sealData({ t: 42 }, { password: secrets }),
    "a valid seal of another payload": sealData({ userId: 1, admin: true }, { password: secrets }),
  };

  for (const [name, value] of Object.entries(variants)) {
    it(`rejects ${name}`, { tags: ["@v5.0.0-9.1.1", "@v4.0.3-3.5.3"] }, async () => {
      await expect(unsealSessionToken(await value, secrets)).resolves.toBeNull();
    });
  }
});
