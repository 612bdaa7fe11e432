import { expect } from "@playwright/test";
import { KNOWN_BROWSER_COOKIE, SESSION_COOKIE } from "./fixtures";

// Reading the Set-Cookie lines an answer carries, as a browser would before storing them.

/** A Set-Cookie line's name, value and attributes (names lowercased). */
export function attributesOf(header: string) {
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  const [name, ...value] = pair!.split("=");
  const map = new Map(
    attributes.map((attribute) => {
      const [key, ...rest] = attribute.split("=");
      return [key!.toLowerCase(), rest.join("=")] as const;
    }),
  );
  return { name: name!, value: value.join("="), attributes: map };
}

/**
 * What every Set-Cookie must say, whether it sets a value or deletes one: the session cookie Lax (decision 002),
 * the known-browser cookie Strict (it only matters on the app's own sign-in form), and nothing else is set.
 */
export function expectCookieAttributes(header: string, step: string) {
  const cookie = attributesOf(header);
  expect([SESSION_COOKIE, KNOWN_BROWSER_COOKIE], step).toContain(cookie.name);
  expect(cookie.attributes.has("secure"), step).toBe(true);
  expect(cookie.attributes.has("httponly"), step).toBe(true);
  expect(cookie.attributes.get("samesite"), step).toBe(cookie.name === SESSION_COOKIE ? "lax" : "strict");
  expect(cookie.attributes.get("path"), step).toBe("/");
  expect(cookie.attributes.has("domain"), step).toBe(false);
  expect(Buffer.byteLength(cookie.name) + Buffer.byteLength(cookie.value), step).toBeLessThanOrEqual(4096);
  const maxAge = Number(cookie.attributes.get("max-age"));
  if (cookie.value === "") expect(maxAge, step).toBe(0);
  else expect(maxAge, step).toBeGreaterThan(0);
}
