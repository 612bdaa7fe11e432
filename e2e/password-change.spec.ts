import {
  USER_AGENTS,
  changePassword,
  currentPublicId,
  expect,
  sessionCookieValue,
  signIn,
  signInOnAnotherDevice,
  signUpOverHttp,
  test,
} from "./fixtures";

test.describe("changing the password", () => {
  test(
    "Needs the current password, renews this session's token, and by default ends the other sessions.",
    {
      tag: [
        "@v3.0.1-3.18",
        "@v4.0.3-3.3.3",
        "@v5.0.0-7.4.3",
        "@v5.0.0-6.2.2",
        "@v5.0.0-6.2.3",
        "@v4.0.3-2.1.5",
        "@v4.0.3-2.1.6",
        "@v3.0.1-2.9",
        "@v5.0.0-7.2.4",
      ],
    },
    async ({ browser, page, credentials, replay, baseURL, db }) => {
      await signUpOverHttp(page, credentials);
      const phone = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.safariIphone);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
      const cookieBefore = await sessionCookieValue(page.context());
      const idBefore = await currentPublicId(page);
      const newPassword = `${credentials.password}-changed`;

      await changePassword(page, "not the current one", newPassword);
      await expect(page.locator("form").getByRole("alert")).toHaveText("Your current password is not correct.");

      await page.goto("/account/password");
      await expect(page.getByRole("checkbox", { name: /Sign out my other sessions/ })).toBeChecked();
      await changePassword(page, credentials.password, newPassword);
      await expect(page.getByRole("status")).toHaveText(/changed, and 2 other sessions were signed out/);

      // The change re-authenticated: the old token is dead, the new one works.
      expect((await replay(cookieBefore)).status()).toBe(401);
      expect((await db.session.findUniqueOrThrow({ where: { publicId: idBefore } })).endReason).toBe("rotated");
      expect(await currentPublicId(page)).not.toBe(idBefore);

      expect((await replay(phone.cookie)).status()).toBe(401);
      expect((await replay(laptop.cookie)).status()).toBe(401);
      expect((await page.request.get("/api/session")).status()).toBe(200);

      // Only the new password opens the account now.
      const fresh = await browser.newContext({ baseURL });
      const freshPage = await fresh.newPage();
      await freshPage.goto("/login");
      await freshPage.getByLabel("Email").fill(credentials.email);
      await freshPage.getByLabel("Password").fill(credentials.password);
      await freshPage.getByRole("button", { name: "Sign in" }).click();
      await expect(freshPage.locator("form").getByRole("alert")).toHaveText("Incorrect email or password.");
      await signIn(freshPage, { ...credentials, password: newPassword });
      await Promise.all([fresh.close(), phone.context.close(), laptop.context.close()]);
    },
  );

  test(
    "Unticking the box keeps the other sessions signed in.",
    { tag: ["@v3.0.1-3.18", "@v4.0.3-3.3.3", "@v5.0.0-7.4.3"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);

      await changePassword(page, credentials.password, `${credentials.password}-changed`, { keepOtherSessions: true });
      await expect(page.getByRole("status")).toHaveText(
        "Your password has been changed. Your other sessions stay signed in.",
      );
      expect((await replay(laptop.cookie)).status()).toBe(200);
      await laptop.context.close();
    },
  );

  test(
    "The new password follows the same rules as at sign-up and must be typed twice.",
    { tag: ["@v5.0.0-6.2.3", "@v4.0.3-2.1.6", "@v3.0.1-2.9"] },
    async ({ page, credentials }) => {
      await signUpOverHttp(page, credentials);
      await changePassword(page, credentials.password, "short", { skipBrowserChecks: true });
      await expect(page.locator("form").getByRole("alert")).toHaveText(/at least 8 characters/);
      await page.getByLabel("Current password").fill(credentials.password);
      await page.getByLabel("New password", { exact: true }).fill("a brand new password");
      await page.getByLabel("Confirm new password").fill("a brand new passwort");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText("The two passwords do not match.");
    },
  );
});
