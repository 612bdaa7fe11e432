import {
  USER_AGENTS,
  currentPublicId,
  expect,
  expireReauthentication,
  sessionCookieValue,
  signIn,
  signInOnAnotherDevice,
  signUpOverHttp,
  test,
} from "./fixtures";

test.describe("changing the account", () => {
  test(
    "The sign-in email changes only with the current password, and the change renews the session token.",
    { tag: ["@v5.0.0-7.5.1", "@v4.0.3-3.7.1", "@v5.0.0-7.2.4", "@v3.0.1-3.7"] },
    async ({ page, credentials, db, replay, browser, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const newEmail = `renamed-${credentials.email}`;
      const cookieBefore = await sessionCookieValue(page.context());
      const idBefore = await currentPublicId(page);

      await page.goto("/account/email");
      await page.getByLabel("New email").fill(newEmail);
      await page.getByLabel("Current password").fill("wrong password");
      await page.getByRole("button", { name: "Change email" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText("Your current password is not correct.");
      expect(await db.user.count({ where: { email: newEmail } })).toBe(0);
      expect((await replay(cookieBefore)).status()).toBe(200);

      await page.getByLabel("Current password").fill(credentials.password);
      await page.getByRole("button", { name: "Change email" }).click();
      await expect(page.getByRole("status")).toContainText(`Your email is now ${newEmail}`);
      expect(await db.user.count({ where: { email: newEmail } })).toBe(1);
      expect((await replay(cookieBefore)).status()).toBe(401);
      expect(await currentPublicId(page)).not.toBe(idBefore);

      const fresh = await browser.newContext({ baseURL });
      await signIn(await fresh.newPage(), { email: newEmail, password: credentials.password });
      await fresh.close();
    },
  );

  test(
    "Deleting the account needs a fresh password confirmation and ends every one of its sessions.",
    { tag: ["@v5.0.0-7.4.2", "@v5.0.0-7.5.3", "@v4.0.3-3.7.1", "@v3.0.1-2.26"] },
    async ({ browser, page, credentials, db, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
      await expireReauthentication(db, await currentPublicId(page));

      await page.goto("/account/delete");
      await expect(page.getByRole("button", { name: "Delete account" })).toHaveCount(0);
      await page.getByLabel("Password", { exact: true }).fill(credentials.password);
      await page.getByRole("button", { name: "Confirm password" }).click();

      await page.getByRole("checkbox", { name: /all of its sessions will be deleted/ }).check();
      const mine = await sessionCookieValue(page.context());
      await page.getByRole("button", { name: "Delete account" }).click();
      await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);
      await expect(page.getByRole("status")).toContainText("Your account has been deleted");

      expect((await replay(mine)).status()).toBe(401);
      expect((await replay(laptop.cookie)).status()).toBe(401);
      expect(await db.user.count({ where: { email: credentials.email } })).toBe(0);
      expect(await db.session.count({ where: { user: { email: credentials.email } } })).toBe(0);
      await laptop.context.close();
    },
  );
});
