import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { unsealData } from "iron-session";
import type { Response } from "@playwright/test";
import { expect, rawSetCookies, sessionCookie, sessionCookieValue, signIn, signUp, test } from "./fixtures";

function attributesOf(header: string) {
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

test.describe("the session cookie", () => {
  test("Is one __Host- cookie: Secure, HttpOnly, Path=/, no Domain, under 4 KB and out of reach of scripts.", { tag: ["@v5.0.0-3.3.1", "@v5.0.0-3.3.3", "@v5.0.0-3.3.4", "@v5.0.0-3.3.5", "@v4.0.3-3.4.1", "@v4.0.3-3.4.2", "@v4.0.3-3.4.4", "@v3.0.1-3.12", "@v5.0.0-14.3.3", "@v4.0.3-3.2.3", "@v4.0.3-8.2.2", "@v3.0.1-9.9"] }, async ({
    page,
    credentials,
  }) => {
    const setCookies: string[] = [];
    page.on("response", async (response: Response) => setCookies.push(...(await rawSetCookies(response))));
    await signUp(page, credentials);
    await signIn(page, credentials);

    const issued = setCookies.map(attributesOf).filter((cookie) => cookie.value !== "");
    expect(issued.length).toBeGreaterThanOrEqual(2);
    for (const cookie of issued) {
      expect(cookie.name).toBe("__Host-session");
      expect(cookie.attributes.has("secure")).toBe(true);
      expect(cookie.attributes.has("httponly")).toBe(true);
      expect(cookie.attributes.get("path")).toBe("/");
      expect(cookie.attributes.has("domain")).toBe(false);
      expect(Buffer.byteLength(cookie.name) + Buffer.byteLength(cookie.value)).toBeLessThanOrEqual(4096);
    }

    const stored = await sessionCookie(page.context());
    expect(stored).toMatchObject({ secure: true, httpOnly: true, path: "/" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("__Host-session");
    // Nothing else in the browser's storage: the cookie is the only place the session lives.
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  });

  test("States SameSite=Lax itself rather than leaving it to the browser.", { tag: ["@v5.0.0-3.3.2", "@v4.0.3-3.4.3"] }, async ({ page, credentials }) => {
    const setCookies: string[] = [];
    page.on("response", async (response: Response) => setCookies.push(...(await rawSetCookies(response))));
    await signUp(page, credentials);

    const sessionCookies = setCookies.map(attributesOf).filter((cookie) => cookie.name === "__Host-session");
    expect(sessionCookies.length).toBeGreaterThan(0);
    for (const cookie of sessionCookies) expect(cookie.attributes.get("samesite")).toBe("lax");
    expect((await sessionCookie(page.context()))?.sameSite).toBe("Lax");
  });

  test("Carries only a reference: a 256-bit token whose SHA-256 is all the database keeps, different for every session.", { tag: ["@v5.0.0-7.2.3", "@v4.0.3-3.2.2", "@v4.0.3-3.2.4", "@v4.0.3-6.3.1", "@v3.0.1-3.11", "@v5.0.0-11.5.1"] }, async ({
    page,
    credentials,
    db,
  }) => {
    await signUp(page, credentials);
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      await signIn(page, credentials);
      const payload = await unsealData<{ t: string }>(await sessionCookieValue(page.context()), {
        password: { 1: process.env.E2E_SESSION_SECRET! },
      });
      expect(Object.keys(payload)).toEqual(["t"]);
      expect(Buffer.from(payload.t, "base64url")).toHaveLength(32);
      tokens.push(payload.t);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // Statistics cannot tell a CSPRNG from a hashed counter; the code can. Tokens come from node:crypto only.
    const minting = readFileSync("lib/server/session-token.ts", "utf8");
    expect(minting).toMatch(/import \{[^}]*\brandomBytes\b[^}]*\} from "node:crypto"/);
    expect(minting).toMatch(/randomBytes\(TOKEN_BYTES\)/);
    expect(minting).not.toMatch(/Math\.random|uuid|nanoid|cuid/);

    const rows = await db.session.findMany({ where: { user: { email: credentials.email } } });
    const storedValues = JSON.stringify(rows);
    for (const token of tokens) {
      const hash = createHash("sha256").update(token).digest("hex");
      expect(rows.some((row) => row.tokenHash === hash)).toBe(true);
      expect(storedValues).not.toContain(token);
    }
  });
});
