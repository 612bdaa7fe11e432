import { SESSION_COOKIE, changePassword, rawSetCookies, signIn, trySignIn } from "@/e2e/fixtures";
import { AUTHENTICATED_PAGES } from "@/e2e/authenticated-pages";
import {
  GIVEN_ACCOUNT,
  createAccount,
  deleteAccount,
  expect,
  isSignedInWith,
  ownersBrowser,
  sessionCookieIn,
  test,
  signInAnotherBrowser,
} from "@/proof/verify/checks";

test(
  "Every page that needs a signed-in user shows who is signed in and a Sign out button.",
  { tag: ["@v5.0.0-7.4.4", "@v3.0.1-3.5"] },
  async ({ account, ownerPage: page }) => {
    for (const path of AUTHENTICATED_PAGES) {
      await page.goto(path);
      const header = page.getByRole("banner");
      await expect(header, path).toContainText(`Signed in as ${account.email}`);
      await expect(header.getByRole("button", { name: "Sign out" }), path).toBeVisible();
    }
  },
);

test(
  "Browsing signs no one in: the public pages, a signed-in page and the session API set no session cookie.",
  { tag: ["@v5.0.0-7.6.2"] },
  async ({ browser, target }) => {
    const context = await browser.newContext({ baseURL: target.url });
    const page = await context.newPage();
    const sessionCookiesSet: string[] = [];
    page.on("response", async (response) =>
      sessionCookiesSet.push(
        ...(await rawSetCookies(response)).filter((line) => line.startsWith(`${SESSION_COOKIE}=`)),
      ),
    );
    for (const path of ["/", "/login", "/signup", "/account", "/api/session"]) await page.goto(path);
    await page.removeAllListeners("response", { behavior: "wait" });
    expect(sessionCookiesSet).toEqual([]);
    expect((await context.cookies()).map(({ name }) => name)).not.toContain(SESSION_COOKIE);
    await context.close();
  },
);

test(
  "Changing the password needs the current one, renews this session's cookie, ends the other sessions unless the owner unticks it, and only the new password opens the account.",
  {
    tag: [
      "@v5.0.0-6.2.2",
      "@v5.0.0-6.2.3",
      "@v4.0.3-2.1.5",
      "@v4.0.3-2.1.6",
      "@v3.0.1-2.9",
      "@v5.0.0-7.4.3",
      "@v4.0.3-3.3.3",
      "@v3.0.1-3.18",
    ],
  },
  async ({ browser, account, ownerPage: page, target }) => {
    test.skip(GIVEN_ACCOUNT, "verify never changes the password of an account it was given.");
    const { context: other, cookie: otherCookie } = await signInAnotherBrowser(browser, account);
    const cookieBefore = (await sessionCookieIn(page.context())).value;
    const newPassword = `${account.password}-changed`;

    await changePassword(page, "not the current password", newPassword);
    await expect(page.locator("form").getByRole("alert")).toBeVisible();
    expect(await isSignedInWith(target, otherCookie), "a refused change ends nothing").toBe(true);

    await page.goto("/account/password");
    await expect(page.getByRole("checkbox", { name: /Sign out my other sessions/ })).toBeChecked();
    await changePassword(page, account.password, newPassword);
    const status = page.getByRole("status");
    await expect(status).toHaveText(/changed/);
    const oldPassword = account.password;
    // The run's account is deleted at the end with whatever password it has by then.
    account.password = newPassword;
    // Earlier checks leave sessions of their own on the account: how many ended is theirs to say.
    await expect(status).toHaveText(/and \d+ other sessions? (was|were) signed out/);

    expect(await isSignedInWith(target, cookieBefore), "the cookie held before the change").toBe(false);
    expect(await isSignedInWith(target, (await sessionCookieIn(page.context())).value)).toBe(true);
    expect(await isSignedInWith(target, otherCookie), "the other browser").toBe(false);

    const fresh = await ownersBrowser(browser, account);
    const freshPage = await fresh.newPage();
    expect(await trySignIn(freshPage, account.email, oldPassword)).toBe("Incorrect email or password.");
    await signIn(freshPage, account);
    await Promise.all([fresh.close(), other.close()]);
  },
);

test(
  "Changing the email asks for the current password itself, even right after signing in: without it, or with a wrong one, nothing changes.",
  { tag: ["@v5.0.0-7.5.1", "@v4.0.3-3.7.1"] },
  async ({ account, ownerPage: page }) => {
    await page.goto("/account/email");
    // The server must refuse an empty password too, not only the browser's own form checks.
    await page
      .getByRole("main")
      .locator("form")
      .evaluate((form) => ((form as HTMLFormElement).noValidate = true));
    for (const password of ["", "not the current password"]) {
      await page.getByLabel("New email").fill(`moved-${account.email}`);
      await page.getByLabel("Current password").fill(password);
      await page.getByRole("button", { name: "Change email" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText(/current password/);
    }
    await page.goto("/account");
    await expect(page.getByRole("banner")).toContainText(`Signed in as ${account.email}`);
  },
);

test(
  "Deleting an account ends every one of its sessions at once, in every browser.",
  { tag: ["@v5.0.0-7.4.2"] },
  async ({ browser, target }) => {
    test.skip(GIVEN_ACCOUNT, "deleting needs an account of the run's own, and sign-up is closed on this target.");
    const doomed = await createAccount(browser);
    const browsers = [await ownersBrowser(browser, doomed), await ownersBrowser(browser, doomed)];
    for (const context of browsers) await signIn(await context.newPage(), doomed);
    const cookies = await Promise.all(browsers.map(async (context) => (await sessionCookieIn(context)).value));
    for (const cookie of cookies) expect(await isSignedInWith(target, cookie)).toBe(true);

    await deleteAccount(await ownersBrowser(browser, doomed), doomed);

    for (const cookie of cookies) expect(await isSignedInWith(target, cookie)).toBe(false);
    const page = await browsers[0]!.newPage();
    expect(await trySignIn(page, doomed.email, doomed.password)).toBe("Incorrect email or password.");
    await Promise.all(browsers.map((context) => context.close()));
  },
);
