import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sealSessionToken, unsealSessionToken } from "@/lib/session/session-cookie";
import { generateSessionToken } from "@/lib/session/session-token";

// Property-based: thousands of damaged and random cookies, none of which may open a session or throw.
const secrets = { 1: "fuzzing-secret-of-at-least-32-characters" };
const SEAL_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_*~.";

type Mutation =
  | { kind: "replace"; at: number; character: string }
  | { kind: "delete"; at: number }
  | { kind: "insert"; at: number; character: string }
  | { kind: "cut"; at: number }
  | { kind: "repeat-part"; at: number };

const character = fc.constantFrom(...SEAL_CHARACTERS);
const position = fc.nat({ max: 400 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), at: position, character }),
  fc.record({ kind: fc.constant("delete" as const), at: position }),
  fc.record({ kind: fc.constant("insert" as const), at: position, character }),
  fc.record({ kind: fc.constant("cut" as const), at: position }),
  fc.record({ kind: fc.constant("repeat-part" as const), at: fc.nat({ max: 8 }) }),
);

function mutate(seal: string, change: Mutation): string {
  const at = change.at % (seal.length + 1);
  switch (change.kind) {
    case "replace":
      return seal.slice(0, at) + change.character + seal.slice(at + 1);
    case "delete":
      return seal.slice(0, at) + seal.slice(at + 1);
    case "insert":
      return seal.slice(0, at) + change.character + seal.slice(at);
    case "cut":
      return seal.slice(0, at);
    case "repeat-part": {
      const parts = seal.split("*");
      const index = change.at % parts.length;
      return [...parts.slice(0, index + 1), ...parts.slice(index)].join("*");
    }
  }
}

describe("the cookie reader under fuzzing", () => {
  it(
    "opens no session from 6,000 damaged seals of a live token, and never throws",
    { tags: ["@v5.0.0-9.1.1", "@v4.0.3-3.5.3"] },
    async () => {
      const token = generateSessionToken();
      const valid = await sealSessionToken(token, 3600, secrets);
      expect(await unsealSessionToken(valid, secrets)).toBe(token);
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (changes) => {
          const damaged = changes.reduce(mutate, valid);
          fc.pre(damaged !== valid);
          expect(await unsealSessionToken(damaged, secrets)).toBeNull();
        }),
        { numRuns: 6_000 },
      );
    },
  );

  it("opens nothing from 4,000 random values, seal-shaped or not, and never throws", async () => {
    const sealShaped = fc
      .array(fc.string({ unit: character, maxLength: 60 }), { minLength: 8, maxLength: 8 })
      .map((parts) => `Fe26.2*${parts.slice(1).join("*")}~2`);
    const anything = fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: "binary", maxLength: 200 }), sealShaped);
    await fc.assert(
      fc.asyncProperty(anything, async (value) => {
        expect(await unsealSessionToken(value, secrets)).toBeNull();
      }),
      { numRuns: 4_000 },
    );
  });
});
