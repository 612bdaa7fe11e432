import { describe, expect, it } from "vitest";
import { checkEmail, checkNewPassword, checkSubmittedPassword, normalizeEmail } from "@/lib/sign-in/validation";

describe("email input", () => {
  it("is trimmed and lower-cased so one address is one account", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(checkEmail(" Ada@Example.com")).toEqual({ ok: true, value: "ada@example.com" });
  });

  it("rejects missing, malformed and over-long addresses", () => {
    for (const bad of [null, "", "   ", "ada", "ada@", "@example.com", "ada@example", "a b@example.com"]) {
      expect(checkEmail(bad).ok).toBe(false);
    }
    expect(checkEmail(`${"a".repeat(250)}@example.com`).ok).toBe(false);
  });
});

describe("choosing a password", () => {
  it("needs 8 to 128 characters, counted as characters rather than bytes", () => {
    expect(checkNewPassword("1234567", "1234567").ok).toBe(false);
    expect(checkNewPassword("12345678", "12345678").ok).toBe(true);
    expect(checkNewPassword("é".repeat(128), "é".repeat(128)).ok).toBe(true);
    expect(checkNewPassword("x".repeat(129), "x".repeat(129)).ok).toBe(false);
  });

  it("needs the confirmation to match", () => {
    expect(checkNewPassword("long enough", "long enougH")).toEqual({
      ok: false,
      error: "The two passwords do not match.",
    });
  });

  it("rejects a missing or non-text value", () => {
    expect(checkNewPassword(null, null).ok).toBe(false);
    expect(checkNewPassword(new Blob(), "x").ok).toBe(false);
  });
});

describe("a password submitted to sign in", () => {
  it("is refused before hashing when over-long, with the same message as a wrong password", () => {
    expect(checkSubmittedPassword("x".repeat(10_000))).toEqual({ ok: false, error: "Incorrect email or password." });
    expect(checkSubmittedPassword("anything").ok).toBe(true);
    expect(checkSubmittedPassword("").ok).toBe(false);
  });
});
