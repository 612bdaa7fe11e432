import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { unsealData } from "iron-session";
import type { Response } from "@playwright/test";
import {
  changePassword,
  cookieNames,
  currentPublicId,
  expect,
  expireReauthentication,
  KNOWN_BROWSER_COOKIE,
  rawSetCookies,
  SESSION_COOKIE,
  sessionCookie,
  sessionCookieValue,
  signIn,
  signOut,
  signUp,
  test,
} from "./fixtures";
import { attributesOf, expectCookieAttributes } from "./set-cookie";

test.describe("the session cookie", () => {
  test(
    "Every response that sets or deletes it states __Host-, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain: sign-up, sign-in, re-authentication, password and email change, sign-out; the known-browser cookie beside it likewise, with SameSite=Strict.",
    {
      tag: [
        "@v5.0.0-3.3.1",
        "@v5.0.0-3.3.2",
        "@v5.0.0-3.3.3",
        "@v5.0.0-3.3.4",
        "@v5.0.0-3.3.5",
        "@v4.0.3-3.4.1",
        "@v4.0.3-3.4.2",
        "@v4.0.3-3.4.3",
        "@v4.0.3-3.4.4",
        "@v3.0.1-3.12",
        "@v5.0.0-14.3.3",
        "@v4.0.3-3.2.3",
        "@v4.0.3-8.2.2",
        "@v3.0.1-9.9",
      ],
    },
    async ({ page, credentials, db }) => {
      const setCookies: string[] = [];
      page.on("response", async (response: Response) => setCookies.push(...(await rawSetCookies(response))));
      const issuedBy = async (step: string, act: () => Promise<void>) => {
        const before = setCookies.length;
        await act();
        await expect.poll(() => setCookies.length, step).toBeGreaterThan(before);
        for (const header of setCookies.slice(before)) expectCookieAttributes(header, step);
      };

      await issuedBy("sign-up", () => signUp(page, credentials));
      await issuedBy("sign-in", () => signIn(page, credentials));
      // The cookies are all the browser keeps, and scripts cannot read them; the known-browser one opens no session.
      const stored = await sessionCookie(page.context());
      expect(stored).toMatchObject({ secure: true, httpOnly: true, path: "/", sameSite: "Lax" });
      expect(await cookieNames(page.context())).toEqual(expect.arrayContaining([SESSION_COOKIE, KNOWN_BROWSER_COOKIE]));
      expect(await page.evaluate(() => document.cookie)).toBe("");
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

      await issuedBy("re-authentication", async () => {
        await expireReauthentication(db, await currentPublicId(page));
        await page.goto("/account/sessions");
        await page.getByLabel("Password", { exact: true }).fill(credentials.password);
        await page.getByRole("button", { name: "Confirm password" }).click();
        await expect(page.getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
      });
      const newPassword = `${credentials.password}-2`;
      await issuedBy("password change", async () => {
        await changePassword(page, credentials.password, newPassword);
        await expect(page.getByRole("status")).toContainText("Your password has been changed");
      });
      await issuedBy("email change", async () => {
        await page.goto("/account/email");
        await page.getByLabel("New email").fill(`changed-${credentials.email}`);
        await page.getByLabel("Current password").fill(newPassword);
        await page.getByRole("button", { name: "Change email" }).click();
        await expect(page.getByRole("status")).toContainText("Your email is now");
      });
      await issuedBy("sign-out", () => signOut(page));
      // No response may still be read once the page closes at the end of the test.
      await page.removeAllListeners("response", { behavior: "wait" });
      expect(setCookies.map(attributesOf).filter((cookie) => cookie.value === "")).not.toHaveLength(0);
    },
  );

  test(
    "Carries only a reference: a 256-bit token whose SHA-256 is all the database keeps, different for every session.",
    {
      tag: [
        "@v5.0.0-7.2.2",
        "@v5.0.0-7.2.3",
        "@v4.0.3-3.2.2",
        "@v4.0.3-3.2.4",
        "@v4.0.3-6.3.1",
        "@v3.0.1-3.11",
        "@v5.0.0-11.5.1",
      ],
    },
    async ({ page, credentials, db }) => {
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
      const minting = readFileSync("lib/session/session-token.ts", "utf8");
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
    },
  );
});
