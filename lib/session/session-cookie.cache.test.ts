import { afterEach, describe, expect, it, vi } from "vitest";
import { generateSessionToken } from "@/lib/session/session-token";

// Counts the real unsealing that session-cookie.ts does, to see when it answers from what it kept.
const iron = vi.hoisted(() => ({ unsealed: 0 }));
vi.mock("iron-session", async (importOriginal) => {
  const original = await importOriginal<typeof import("iron-session")>();
  return {
    ...original,
    unsealData: (...args: Parameters<typeof original.unsealData>) => {
      iron.unsealed++;
      return original.unsealData(...args);
    },
  };
});
const { OPENED_SEALS_LIMIT, sealSessionToken, unsealSessionToken } = await import("@/lib/session/session-cookie");

const secrets = { 1: "first-test-secret-of-at-least-32-characters" };
const others = { 1: "another-test-secret-of-at-least-32-characters" };
afterEach(() => {
  iron.unsealed = 0;
  vi.useRealTimers();
});

describe("opening the same seal again", () => {
  it("answers from the seal it opened before, without unsealing again", async () => {
    const token = generateSessionToken();
    const sealed = await sealSessionToken(token, 3600, secrets);
    expect(await unsealSessionToken(sealed, secrets)).toBe(token);
    expect(await unsealSessionToken(sealed, secrets)).toBe(token);
    expect(iron.unsealed).toBe(1);
  });

  it("never answers for other secrets, nor for a seal that did not open", async () => {
    const sealed = await sealSessionToken(generateSessionToken(), 3600, secrets);
    await unsealSessionToken(sealed, secrets);
    expect(await unsealSessionToken(sealed, others)).toBeNull();
    expect(await unsealSessionToken(sealed, others)).toBeNull();
    expect(iron.unsealed).toBe(3);
  });

  it("unseals again once the seal's own expiry has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const sealed = await sealSessionToken(generateSessionToken(), 60, secrets);
    await unsealSessionToken(sealed, secrets);
    vi.setSystemTime(Date.now() + 61_000);
    await unsealSessionToken(sealed, secrets);
    expect(iron.unsealed).toBe(2);
  });

  it(`keeps at most ${OPENED_SEALS_LIMIT} seals, dropping the least recently used`, async () => {
    const seals = await Promise.all(
      Array.from({ length: OPENED_SEALS_LIMIT + 1 }, () => sealSessionToken(generateSessionToken(), 3600, secrets)),
    );
    for (const sealed of seals) await unsealSessionToken(sealed, secrets);
    iron.unsealed = 0;
    await unsealSessionToken(seals.at(-1)!, secrets);
    expect(iron.unsealed).toBe(0);
    await unsealSessionToken(seals[0]!, secrets);
    expect(iron.unsealed).toBe(1);
  });
});
