import { unsealData } from "iron-session";
import { request as newRequestContext } from "@playwright/test";
import { SECURITY_EVENT_KINDS } from "@/lib/activity/event-kinds";
import {
  USER_AGENTS,
  currentPublicId,
  expect,
  expectSecurityActivity,
  expireReauthentication,
  sessionCookieValue,
  signInOnAnotherDevice,
  signUpOverHttp,
  test,
} from "./fixtures";

/** Someone else uses a session cookie, from their own address and device. */
async function useCookieFrom(baseURL: string, cookie: string, client: { ipAddress: string; userAgent: string }) {
  const thief = await newRequestContext.newContext({
    baseURL,
    extraHTTPHeaders: {
      cookie: `__Host-session=${cookie}`,
      "X-Forwarded-For": client.ipAddress,
      "User-Agent": client.userAgent,
    },
  });
  expect((await thief.get("/api/session")).status()).toBe(200);
  await thief.dispose();
}

test.describe("the sessions page", () => {
  test(
    "Lists every live session with its device, address and times, marks the current one, and shows no secret.",
    { tag: ["@v5.0.0-7.5.2", "@v4.0.3-3.3.4", "@v3.0.1-3.17"] },
    async ({ browser, page, credentials, db, baseURL, extraHTTPHeaders }) => {
      await signUpOverHttp(page, credentials);
      const phone = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.safariIphone);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);

      const response = await page.goto("/account/sessions");
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(4); // a header row and three sessions
      await expect(page.getByRole("row", { name: /This session/ })).toHaveCount(1);
      await expect(page.getByRole("rowheader", { name: "Safari 17 on iOS 17.5 (mobile)" })).toBeVisible();
      await expect(page.getByRole("rowheader", { name: "Firefox 133 on Linux (desktop)" })).toBeVisible();
      // Every browser of this test comes from this test's own address.
      const address = extraHTTPHeaders!["X-Forwarded-For"]!;
      await expect(page.getByRole("cell", { name: address, exact: true })).toHaveCount(3);

      const html = await response!.text();
      const secrets: string[] = [];
      for (const cookie of [await sessionCookieValue(page.context()), phone.cookie, laptop.cookie]) {
        const { t } = await unsealData<{ t: string }>(cookie, { password: { 1: process.env.E2E_SESSION_SECRET! } });
        secrets.push(cookie, t);
      }
      for (const row of await db.session.findMany({ where: { user: { email: credentials.email } } }))
        secrets.push(row.tokenHash);
      for (const secret of secrets) expect(html).not.toContain(secret);
      await phone.context.close();
      await laptop.context.close();
    },
  );

  test(
    "Ending a session needs a freshly confirmed password, which renews the token; the ended session is refused on its next request.",
    { tag: ["@v5.0.0-7.5.2", "@v4.0.3-3.3.4", "@v5.0.0-7.2.4", "@v3.0.1-3.7"] },
    async ({ browser, page, credentials, db, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const phone = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.safariIphone);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
      const before = await currentPublicId(page);
      const cookieBefore = await sessionCookieValue(page.context());
      await expireReauthentication(db, before);

      await page.goto("/account/sessions");
      await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Sign out all other sessions" })).toHaveCount(0);

      await page.getByLabel("Password", { exact: true }).fill("not my password");
      await page.getByRole("button", { name: "Confirm password" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText("That password is not correct.");
      await page.getByLabel("Password", { exact: true }).fill(credentials.password);
      await page.getByRole("button", { name: "Confirm password" }).click();

      // Confirming is a re-authentication: a new token, and the old one is dead.
      await expect(page.getByRole("button", { name: "Sign out all other sessions" })).toBeVisible();
      const after = await currentPublicId(page);
      expect(after).not.toBe(before);
      expect((await db.session.findUniqueOrThrow({ where: { publicId: before } })).endReason).toBe("rotated");
      expect((await replay(cookieBefore)).status()).toBe(401);

      await page
        .getByRole("row", { name: /Safari 17/ })
        .getByRole("button", { name: /^Revoke/ })
        .click();
      await expect(page.getByRole("status")).toContainText("The session has been ended");
      expect((await replay(phone.cookie)).status()).toBe(401);
      expect((await replay(laptop.cookie)).status()).toBe(200);
      await phone.page.goto("/account");
      await expect(phone.page).toHaveURL(/\/login\?reason=signed-out-elsewhere$/);
      await expect(phone.page.getByRole("status")).toContainText("signed out from another device");

      await page.getByRole("button", { name: "Sign out all other sessions" }).click();
      await expect(page.getByRole("status")).toContainText("All your other sessions have been ended");
      expect((await replay(laptop.cookie)).status()).toBe(401);
      expect((await page.request.get("/api/session")).status()).toBe(200);
      await phone.context.close();
      await laptop.context.close();
    },
  );

  test(
    "Signing out everywhere ends this session and every other one.",
    { tag: ["@v5.0.0-7.5.2", "@v3.0.1-3.17"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
      const mine = await sessionCookieValue(page.context());

      await page.goto("/account/sessions");
      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
      expect((await replay(mine)).status()).toBe(401);
      expect((await replay(laptop.cookie)).status()).toBe(401);
      await laptop.context.close();
    },
  );

  test(
    "Nobody can see or end another user's session: a guessed public id is simply not found.",
    { tag: ["@v5.0.0-7.5.2", "@v4.0.3-3.3.4", "@v3.0.1-3.17"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      const victim = await browser.newContext({ baseURL });
      const victimPage = await victim.newPage();
      await signUpOverHttp(victimPage, { email: `victim-${credentials.email}`, password: credentials.password });
      const victimId = await currentPublicId(victimPage);
      const victimCookie = await sessionCookieValue(victim);

      await signUpOverHttp(page, credentials);
      const seen = await page.goto(`/account/sessions/${victimId}`);
      expect(seen!.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

      // Aim this user's own revoke form at the victim's session.
      const other = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.edgeWindows);
      await page.goto("/account/sessions");
      const form = page.getByRole("row", { name: /Edge/ }).locator("form");
      await form
        .locator('input[name="publicId"]')
        .evaluate((input, id) => ((input as HTMLInputElement).value = id), victimId);
      await form.getByRole("button", { name: /^Revoke/ }).click();
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

      expect((await replay(victimCookie)).status()).toBe(200);
      expect((await replay(other.cookie)).status()).toBe(200);
      await other.context.close();
      await victim.close();
    },
  );

  test("Shows every time in the visitor's own time zone.", async ({ browser, baseURL, credentials }) => {
    const context = await browser.newContext({ baseURL, timezoneId: "Asia/Tokyo", locale: "en-US" });
    const page = await context.newPage();
    await signUpOverHttp(page, credentials);
    await page.goto("/account/sessions");
    await expect(page.getByRole("table").locator("time").first()).toContainText("GMT+9");
    await context.close();
  });

  test("Shows where each session was last used, and marks a use from another device and network than its sign-in.", async ({
    page,
    credentials,
    db,
    baseURL,
  }) => {
    await signUpOverHttp(page, credentials);
    const publicId = await currentPublicId(page);
    const cookie = await sessionCookieValue(page.context());
    // Someone else uses the cookie once "last seen" is due to be written again.
    await db.session.update({ where: { publicId }, data: { lastSeenAt: new Date(Date.now() - 5 * 60 * 1000) } });
    await useCookieFrom(baseURL!, cookie, { ipAddress: "198.51.100.7", userAgent: USER_AGENTS.safariIphone });

    await page.goto("/account/sessions");
    const lastUse = page.getByRole("row", { name: /This session/ }).getByRole("cell", { name: /198\.51\.100\.7/ });
    await expect(lastUse).toContainText("198.51.100.7, Safari 17 on iOS 17.5 (mobile)");
    await expect(lastUse).toContainText("Another device than at sign-in");
    await expect(lastUse).toContainText("Another network than at sign-in");
    await page.goto(`/account/sessions/${publicId}`);
    await expect(page.getByText("Another network than at sign-in")).toBeVisible();
  });

  test("A stolen cookie used from another address and device shows on the owner's sessions page at once, and stays on the activity page.", async ({
    page,
    credentials,
    baseURL,
  }) => {
    await signUpOverHttp(page, credentials);
    const cookie = await sessionCookieValue(page.context());
    // Seconds after the sign-in, well within the interval at which "last seen" is written.
    await useCookieFrom(baseURL!, cookie, { ipAddress: "203.0.113.66", userAgent: USER_AGENTS.edgeWindows });

    // The owner looks from the very session the thief used: their own visit does not wipe the thief's out.
    await page.goto("/account/sessions");
    const lastUse = page.getByRole("row", { name: /This session/ }).getByRole("cell", { name: /203\.0\.113\.66/ });
    await expect(lastUse).toContainText("203.0.113.66, Microsoft Edge 131 on Windows 10 (desktop)");
    await expectSecurityActivity(page, (rows) => {
      const used = rows.filter((row) => row.includes(SECURITY_EVENT_KINDS["session-used-elsewhere"]));
      expect(used).toEqual([expect.stringContaining("203.0.113.66")]);
    });
  });
});
