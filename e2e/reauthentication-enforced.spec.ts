import {
  USER_AGENTS,
  currentPublicId,
  expect,
  expireReauthentication,
  loadThenExpireConfirmation,
  loggedEvents,
  sessionCookieValue,
  signInOnAnotherDevice,
  signUpOverHttp,
  test,
} from "./fixtures";

// Pages hide sensitive buttons outside the re-authentication window, but the check that counts is the one
// in each server action. These tests load a page while the window is open, close the window in the
// database, and only then press the button: the server action alone must refuse, and nothing may change.
test.describe("re-authentication is enforced by every sensitive server action", () => {
  test(
    "Revoking a session, signing out the others or signing out everywhere with an expired confirmation ends nothing.",
    { tag: ["@v5.0.0-7.5.2", "@v4.0.3-3.3.4", "@v5.0.0-7.5.3", "@v4.0.3-3.7.1"] },
    async ({ browser, page, credentials, db, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const phone = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.safariIphone);
      const mine = await sessionCookieValue(page.context());
      const presses = [
        () =>
          page
            .getByRole("row", { name: /Safari 17/ })
            .getByRole("button", { name: /^Revoke/ })
            .click(),
        () => page.getByRole("button", { name: "Sign out all other sessions" }).click(),
        () => page.getByRole("button", { name: "Sign out everywhere" }).click(),
      ];
      for (const press of presses) {
        await loadThenExpireConfirmation(page, db, "/account/sessions");
        await press();
        await expect(page).toHaveURL(/\/account\/sessions\?notice=confirm-first$/);
        expect((await replay(phone.cookie)).status()).toBe(200);
        expect((await replay(mine)).status()).toBe(200);
      }
      await phone.context.close();
    },
  );

  test(
    "Deleting the account with an expired confirmation keeps the account and its sessions.",
    { tag: ["@v5.0.0-7.5.3", "@v4.0.3-3.7.1", "@v3.0.1-2.26"] },
    async ({ browser, page, credentials, db, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
      await loadThenExpireConfirmation(page, db, "/account/delete");
      await page.getByRole("checkbox", { name: /all of its sessions will be deleted/ }).check();
      await page.getByRole("button", { name: "Delete account" }).click();

      await expect(page.getByRole("heading", { name: "Confirm your password" })).toBeVisible();
      expect(await db.user.count({ where: { email: credentials.email } })).toBe(1);
      expect((await replay(laptop.cookie)).status()).toBe(200);
      await laptop.context.close();
    },
  );

  test(
    "Changing the email without the right current password changes nothing, whatever the confirmation window says.",
    { tag: ["@v5.0.0-7.5.1", "@v4.0.3-3.7.1"] },
    async ({ page, credentials, db }) => {
      await signUpOverHttp(page, credentials);
      const newEmail = `moved-${credentials.email}`;
      // The window is open (signing up counts), yet the email change asks for the password itself.
      await page.goto("/account/email");
      await page
        .getByRole("main")
        .locator("form")
        .evaluate((form) => ((form as HTMLFormElement).noValidate = true));
      await page.getByLabel("New email").fill(newEmail);
      for (const password of ["", "not the password"]) {
        await page.getByLabel("Current password").fill(password);
        await page.getByRole("button", { name: "Change email" }).click();
        await expect(page.locator("form").getByRole("alert")).toHaveText(/current password/);
        expect(await db.user.count({ where: { email: newEmail } })).toBe(0);
      }
    },
  );

  test("Confirming the password on a session that was ended elsewhere leads to the sign-in page and reports no outage.", async ({
    page,
    credentials,
    db,
  }) => {
    await signUpOverHttp(page, credentials);
    const publicId = await currentPublicId(page);
    await expireReauthentication(db, publicId);
    await page.goto("/account/sessions");
    await page.getByLabel("Password", { exact: true }).fill(credentials.password);
    const failuresBefore = loggedEvents("app").filter((line) => line.kind === "failure").length;
    // Another device signs this session out while the confirmation form is open.
    await db.session.update({ where: { publicId }, data: { endedAt: new Date(), endReason: "revoked-by-user" } });
    await page.getByRole("button", { name: "Confirm password" }).click();

    await expect(page).toHaveURL(/\/login\?reason=signed-out-elsewhere$/);
    await expect(page.getByText(/unavailable/)).toHaveCount(0);
    expect(loggedEvents("app").filter((line) => line.kind === "failure")).toHaveLength(failuresBefore);
  });
});
