import type { Response } from "@playwright/test";
import { SESSION_COOKIE, rawSetCookies, signIn, signOut } from "@/e2e/fixtures";
import { linkProgram } from "@/e2e/program-api";
import { expectCookieAttributes } from "@/e2e/set-cookie";
import { expect, isSignedInWith, ownersBrowser, sessionCookieIn, test } from "@/proof/verify/checks";

test(
  "Over the deployment's own HTTPS, every cookie it sets is __Host-, Secure, HttpOnly, SameSite, Path=/ without a Domain, small, unreadable to scripts, and the browser sends it back.",
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
      "@v4.0.3-3.2.3",
      "@v5.0.0-14.3.3",
      "@v4.0.3-8.2.2",
      "@v3.0.1-9.9",
    ],
  },
  async ({ browser, account, keepScreenshot }) => {
    const context = await ownersBrowser(browser, account);
    const page = await context.newPage();
    const setCookies: string[] = [];
    page.on("response", async (response: Response) => setCookies.push(...(await rawSetCookies(response))));
    await signIn(page, account);
    await expect.poll(() => setCookies.length, "sign-in sets the session cookie").toBeGreaterThan(0);
    for (const header of setCookies) expectCookieAttributes(header, "sign-in");

    await keepScreenshot(page, "signed in over HTTPS");
    const stored = await sessionCookieIn(context);
    expect(stored).toMatchObject({ secure: true, httpOnly: true, path: "/" });
    expect(await page.evaluate(() => document.cookie)).toBe("");
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    // The browser itself sends the cookie back over this origin's HTTPS: the API sees the session.
    await page.goto("/api/session");
    expect(JSON.parse((await page.locator("body").textContent()) ?? "{}")).toMatchObject({
      user: { email: account.email },
    });
    await page.removeAllListeners("response", { behavior: "wait" });
    await context.close();
  },
);

test(
  "Signing in issues a new session cookie and the one held before stops working; so does confirming the password again (to link a program).",
  { tag: ["@v5.0.0-7.2.4", "@v4.0.3-3.2.1", "@v3.0.1-3.7"] },
  async ({ browser, account, target, keepScreenshot }) => {
    const context = await ownersBrowser(browser, account);
    const page = await context.newPage();
    await signIn(page, account);
    const first = (await sessionCookieIn(context)).value;
    await signIn(page, account);
    const second = (await sessionCookieIn(context)).value;
    expect(second).not.toBe(first);
    expect(await isSignedInWith(target, first)).toBe(false);
    expect(await isSignedInWith(target, second)).toBe(true);

    // Re-authentication: linking a program asks for the password again, and confirming it rotates the token.
    await linkProgram(page, account, "verify: re-authentication");
    await keepScreenshot(page, "the password confirmed again to link a program");
    const third = (await sessionCookieIn(context)).value;
    expect(third).not.toBe(second);
    expect(await isSignedInWith(target, second)).toBe(false);
    expect(await isSignedInWith(target, third)).toBe(true);
    await context.close();
  },
);

test(
  "Signing out ends the session on the server: the cookie held before is refused on the next request, and the browser is told to drop what it kept.",
  { tag: ["@v5.0.0-7.4.1", "@v4.0.3-3.3.1", "@v3.0.1-3.2", "@v5.0.0-14.3.1", "@v4.0.3-8.2.3", "@v3.0.1-5.26"] },
  async ({ ownerPage: page, target }) => {
    const held = (await sessionCookieIn(page.context())).value;
    const signOutAnswer = page.waitForResponse((response) => response.request().method() === "POST");
    await signOut(page);
    const headers = await (await signOutAnswer).allHeaders();
    expect(headers["clear-site-data"]).toMatch(/"cache"/);
    expect(headers["clear-site-data"]).toMatch(/"storage"/);
    expect((await page.context().cookies()).map(({ name }) => name)).not.toContain(SESSION_COOKIE);
    expect(await isSignedInWith(target, held)).toBe(false);
    // Back to a signed-in page: the sign-in form, not the old session.
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
  },
);
