import {
  cookieNames,
  currentPublicId,
  expect,
  KNOWN_BROWSER_COOKIE,
  rawSetCookies,
  sessionCookieValue,
  signOut,
  signUpOverHttp,
  test,
} from "./fixtures";

test.describe("signing out", () => {
  test(
    "Signing out ends the session on the server, clears the cookie and what the browser kept, and the old cookie is refused afterwards.",
    { tag: ["@v5.0.0-7.4.1", "@v3.0.1-3.2", "@v4.0.3-3.3.1", "@v5.0.0-14.3.1", "@v4.0.3-8.2.3", "@v3.0.1-5.26"] },
    async ({ page, credentials, db, replay }) => {
      await signUpOverHttp(page, credentials);
      const publicId = await currentPublicId(page);
      const oldCookie = await sessionCookieValue(page.context());
      await page.evaluate(() => localStorage.setItem("draft", "something private"));

      const signOutResponse = page.waitForResponse(
        (r) => r.url().endsWith("/auth/sign-out") && r.request().method() === "POST",
      );
      await signOut(page);
      const response = await signOutResponse;

      const cleared = (await rawSetCookies(response)).find((header) => header.startsWith("__Host-session="));
      expect(cleared).toMatch(/^__Host-session=;/);
      expect(cleared).toMatch(/Max-Age=0/i);
      // Not "cookies": that would also sign the user out of every other app on the same site.
      expect((await response.allHeaders())["clear-site-data"]).toBe('"cache", "storage"');
      await expect(page.getByRole("status")).toContainText("You have signed out");
      // What is left is the known-browser cookie, which opens no session (lib/sign-in/known-browsers.ts).
      expect(await cookieNames(page.context())).toEqual([KNOWN_BROWSER_COOKIE]);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);

      const row = await db.session.findUniqueOrThrow({ where: { publicId } });
      expect(row.endReason).toBe("sign-out");
      expect(row.endedAt).not.toBeNull();

      expect((await replay(oldCookie)).status()).toBe(401);
      const page404 = await replay(oldCookie, "/account");
      expect(page404.status()).toBe(307);
      expect(page404.headers().location).toMatch(/^\/login/);
    },
  );

  test(
    "Signing out everywhere and deleting the account also drop what the browser kept, and the cookie through its own Set-Cookie.",
    { tag: ["@v5.0.0-14.3.1"] },
    async ({ browser, baseURL }) => {
      const paths = [
        { page: "/account/sessions", button: "Sign out everywhere", route: "/auth/sign-out-everywhere" },
        { page: "/account/delete", button: "Delete account", route: "/auth/delete-account" },
      ];
      for (const path of paths) {
        const context = await browser.newContext({ baseURL });
        const page = await context.newPage();
        const id = Math.random().toString(36).slice(2);
        await signUpOverHttp(page, { email: `ending-${id}@example.test`, password: `pass-${id}-long-enough` });
        await page.evaluate(() => localStorage.setItem("draft", "something private"));
        await page.goto(path.page);
        if (path.route === "/auth/delete-account") await page.getByRole("checkbox").check();
        const answered = page.waitForResponse((r) => r.url().endsWith(path.route) && r.request().method() === "POST");
        await page.getByRole("button", { name: path.button }).click();
        const response = await answered;
        expect(response.status(), path.route).toBe(303);
        expect((await response.allHeaders())["clear-site-data"], path.route).toBe('"cache", "storage"');
        const cleared = (await rawSetCookies(response)).find((header) => header.startsWith("__Host-session="));
        expect(cleared, path.route).toMatch(/^__Host-session=;.*Max-Age=0/i);
        await expect(page).toHaveURL(/\/login\?reason=/);
        expect(await page.evaluate(() => localStorage.length), path.route).toBe(0);
        await context.close();
      }
    },
  );

  test(
    "After signing out, going back does not show the account page again.",
    { tag: ["@v5.0.0-7.4.1", "@v4.0.3-3.3.1"] },
    async ({ page, credentials }) => {
      await signUpOverHttp(page, credentials);
      await signOut(page);
      await page.goBack();
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByText(credentials.email)).toHaveCount(0);
      await page.reload();
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByText(credentials.email)).toHaveCount(0);
    },
  );

  test(
    "Another site cannot sign a user out, and a GET never signs out.",
    {
      tag: [
        "@v5.0.0-3.5.3",
        "@v5.0.0-3.5.1",
        "@v5.0.0-3.5.2",
        "@v4.0.3-4.2.2",
        "@v4.0.3-13.2.3",
        "@v3.0.1-4.13",
        "@v3.0.1-18.7",
      ],
    },
    async ({ page, credentials, baseURL }) => {
      await signUpOverHttp(page, credentials);

      const crossSite = await page.request.post("/auth/sign-out", {
        headers: { Origin: "http://attacker.test" },
        maxRedirects: 0,
      });
      expect(crossSite.status()).toBe(403);
      const noOrigin = await page.request.fetch(`${baseURL}/auth/sign-out`, {
        method: "POST",
        maxRedirects: 0,
        headers: { Origin: "" },
      });
      expect(noOrigin.status()).toBe(403);
      const viaGet = await page.request.get("/auth/sign-out", { maxRedirects: 0 });
      expect(viaGet.status()).toBe(405);

      expect((await page.request.get("/api/session")).status()).toBe(200);
    },
  );
});
