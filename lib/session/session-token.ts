import { hash, randomBytes } from "node:crypto";

// 256 bits from the operating system's CSPRNG: twice the 128-bit floor of ASVS 5.0 7.2.3.
const TOKEN_BYTES = 32;
// 128 bits: enough that public ids cannot be enumerated, although they grant nothing.
const PUBLIC_ID_BYTES = 16;
// 43 characters carry 258 bits: the last one holds the final 4 bits of the token and 2 bits that must be zero.
// Only one spelling of each token is accepted (a character with those bits set would decode to the same bytes).
const BASE64URL_OF_TOKEN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export function generateSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function generatePublicId(): string {
  return randomBytes(PUBLIC_ID_BYTES).toString("base64url");
}

/** The database keeps only this, so a leaked database hands out no live sessions. */
export function hashSessionToken(token: string): string {
  return hash("sha256", token, "hex");
}

/**
 * Session tokens, refresh tokens and device codes are untrusted input: anything not shaped like one, in its
 * one canonical spelling, never reaches a query.
 */
export function isWellFormedSessionToken(value: unknown): value is string {
  return typeof value === "string" && BASE64URL_OF_TOKEN.test(value);
}
