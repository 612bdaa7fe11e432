import { readFileSync } from "node:fs";
import { expect, forgeSeal, plantSessionCookie, sessionCookie, test } from "./fixtures";
import { serverLogFile } from "./test-servers";

test.use({ serverName: "database-down" });

// This spec runs against the server whose database cannot be opened (see e2e/test-servers.ts).
const INTERNALS = /SQLITE|prisma|PrismaClient|at async|\.next\/server|stack/i;

test.describe("when the database is down", () => {
  test(
    "Sign-in says the service is unavailable, keeps what was typed, and reveals nothing internal.",
    { tag: ["@v5.0.0-16.5.1", "@v4.0.3-7.4.1", "@v3.0.1-8.1"] },
    async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill("someone@example.test");
      await page.getByLabel("Password").fill("a password 123");
      await page.getByRole("button", { name: "Sign in" }).click();

      await expect(page.locator("form").getByRole("alert")).toHaveText(/service is unavailable.*nothing was changed/i);
      await expect(page.getByLabel("Email")).toHaveValue("someone@example.test");
      await expect(page.locator("body")).not.toContainText(INTERNALS);
    },
  );

  test(
    "A signed-in request gets a generic answer: no stack trace, no query, no cookie.",
    { tag: ["@v5.0.0-16.5.1", "@v3.0.1-3.6", "@v3.0.1-8.1"] },
    async ({ replay }) => {
      const seal = await forgeSeal({ t: "A".repeat(43) });

      const api = await replay(seal);
      expect(api.status()).toBe(503);
      expect(await api.json()).toEqual({ error: "Service unavailable." });

      const account = await replay(seal, "/account");
      const html = await account.text();
      expect(account.status()).toBe(500);
      expect(html).not.toMatch(INTERNALS);
      expect(html).not.toContain(seal);

      const log = readFileSync(serverLogFile("database-down"), "utf8");
      expect(log).toContain('"kind":"failure"');
      expect(log).not.toContain(seal);
    },
  );

  test(
    "Signing out still makes the browser forget the session, and says the server could not end it.",
    { tag: ["@v5.0.0-14.3.1"] },
    async ({ page, baseURL }) => {
      await plantSessionCookie(page, await forgeSeal({ t: `${"B".repeat(42)}A` }));
      const response = await page.request.post("/auth/sign-out", { headers: { Origin: baseURL! }, maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers().location).toBe("/login?reason=sign-out-incomplete");
      expect(await sessionCookie(page.context())).toBeUndefined();

      await page.goto(response.headers().location!);
      await expect(page.getByRole("status")).toContainText("could not confirm the sign-out");
    },
  );
});
