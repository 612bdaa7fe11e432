import type { Browser } from "@playwright/test";
import {
  expect,
  grantAdmin,
  sessionCookieValue,
  signIn,
  signInOnAnotherDevice,
  signUp,
  test,
  type Credentials,
} from "./fixtures";

// These tests end every session and change the timeouts of the whole server, so they run one at a time
// against a server of their own (see e2e/test-servers.ts).
test.describe.configure({ mode: "serial" });

async function newUser(browser: Browser, baseURL: string, name: string): Promise<Credentials & { cookie: string }> {
  const credentials = { email: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`, password: "a long enough password" };
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signUp(page, credentials);
  const cookie = await sessionCookieValue(context);
  await context.close();
  return { ...credentials, cookie };
}

test.describe("administration", () => {
  test("Only administrators, granted from the command line, reach the admin page; a client-side flag changes nothing.", { tag: ["@v5.0.0-7.4.5", "@v5.0.0-7.2.1"] }, async ({
    page,
    credentials,
  }) => {
    await signUp(page, credentials);
    expect((await page.goto("/admin"))!.status()).toBe(404);
    await page.evaluate(() => {
      localStorage.setItem("isAdmin", "true");
      document.cookie = "role=admin; Path=/";
    });
    expect((await page.goto("/admin"))!.status()).toBe(404);

    grantAdmin("admin", credentials.email);
    expect((await page.goto("/admin"))!.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: `command line — grant-admin — ${credentials.email}` })).toBeVisible();
  });

  test("An administrator ends all sessions of one user, others are untouched, and the action is recorded.", { tag: ["@v5.0.0-7.4.5", "@v5.0.0-7.4.2"] }, async ({
    browser,
    page,
    credentials,
    replay,
    baseURL,
  }) => {
    await signUp(page, credentials);
    grantAdmin("admin", credentials.email);
    const target = await newUser(browser, baseURL!, "target");
    const targetDevice = await signInOnAnotherDevice(browser, baseURL!, target);
    const bystander = await newUser(browser, baseURL!, "bystander");

    await page.goto("/admin");
    await page.getByRole("button", { name: `End sessions of ${target.email}` }).click();
    await expect(page.getByRole("status")).toHaveText("That user's sessions have been ended.");

    expect((await replay(target.cookie)).status()).toBe(401);
    expect((await replay(targetDevice.cookie)).status()).toBe(401);
    expect((await replay(bystander.cookie)).status()).toBe(200);
    await targetDevice.page.goto("/account");
    await expect(targetDevice.page).toHaveURL(/\/login\?reason=revoked$/);
    await expect(targetDevice.page.getByRole("status")).toContainText("An administrator ended your session");
    await expect(page.getByRole("listitem").filter({ hasText: `end-user-sessions — ${target.email}` })).toBeVisible();
    await targetDevice.context.close();
  });

  test("Disabling a user ends their sessions and blocks sign-in until they are enabled again.", { tag: ["@v5.0.0-7.4.2", "@v5.0.0-7.4.5"] }, async ({
    browser,
    page,
    credentials,
    replay,
    baseURL,
  }) => {
    await signUp(page, credentials);
    grantAdmin("admin", credentials.email);
    const target = await newUser(browser, baseURL!, "disabled");

    await page.goto("/admin");
    await page.getByRole("button", { name: `Disable ${target.email}` }).click();
    await expect(page.getByRole("status")).toContainText("The user is disabled");
    expect((await replay(target.cookie)).status()).toBe(401);

    const attempt = await browser.newContext({ baseURL });
    const attemptPage = await attempt.newPage();
    await attemptPage.goto("/login");
    await attemptPage.getByLabel("Email").fill(target.email);
    await attemptPage.getByLabel("Password").fill(target.password);
    await attemptPage.getByRole("button", { name: "Sign in" }).click();
    await expect(attemptPage.locator("form").getByRole("alert")).toHaveText("Incorrect email or password.");

    await page.getByRole("button", { name: `Enable ${target.email}` }).click();
    await expect(page.getByRole("status")).toContainText("can sign in again");
    await signIn(attemptPage, target);
    await expect(page.getByRole("listitem").filter({ hasText: `disable-user — ${target.email}` })).toBeVisible();
    await attempt.close();
  });

  test("Ending every session signs out every user, except the administrator who did it.", { tag: ["@v5.0.0-7.4.5"] }, async ({
    browser,
    page,
    credentials,
    replay,
    baseURL,
  }) => {
    await signUp(page, credentials);
    grantAdmin("admin", credentials.email);
    const first = await newUser(browser, baseURL!, "everyone-a");
    const second = await newUser(browser, baseURL!, "everyone-b");

    await page.goto("/admin");
    await page.getByRole("button", { name: "End every session" }).click();
    await expect(page.getByRole("status")).toHaveText("Every session has been ended, except the one you are using.");
    expect((await replay(first.cookie)).status()).toBe(401);
    expect((await replay(second.cookie)).status()).toBe(401);
    expect((await page.request.get("/api/session")).status()).toBe(200);
  });

  // Last on purpose: it leaves the server with short timeouts.
  test("Timeouts set on the admin page apply at once, without a restart, to sessions that already exist.", { tag: ["@v3.0.1-3.4", "@v5.0.0-7.3.1", "@v5.0.0-7.3.2"] }, async ({
    browser,
    page,
    credentials,
    replay,
    db,
    baseURL,
  }) => {
    await signUp(page, credentials);
    grantAdmin("admin", credentials.email);
    const idle = await newUser(browser, baseURL!, "idle");

    await page.goto("/admin");
    await page.getByLabel("Idle timeout (seconds)").fill("3");
    await page.getByRole("button", { name: "Save timeouts" }).click();
    await expect(page.getByRole("status")).toContainText("The new timeouts apply now");
    await expect(page.getByText(/In force: idle 3 s/)).toBeVisible();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect((await replay(idle.cookie)).status()).toBe(401);
    expect((await db.session.findFirstOrThrow({ where: { user: { email: idle.email } } })).endReason).toBe("idle-timeout");

    // The administrator's own session went idle too: sign in again, then cut the absolute limit.
    const active = await newUser(browser, baseURL!, "active");
    await signIn(page, credentials);
    await page.goto("/admin");
    await page.getByLabel("Idle timeout (seconds)").fill("600");
    await page.getByLabel("Absolute timeout (seconds)").fill("8");
    await page.getByRole("button", { name: "Save timeouts" }).click();
    await expect(page.getByRole("status")).toContainText("The new timeouts apply now");
    await expect(page.getByRole("listitem").filter({ hasText: "set-timeouts" }).first()).toContainText("absolute 8 s");

    const started = (await db.session.findFirstOrThrow({ where: { user: { email: active.email } } })).createdAt.getTime();
    while (Date.now() < started + 7000) {
      expect((await replay(active.cookie)).status()).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 8500 - Date.now())));
    expect((await replay(active.cookie)).status()).toBe(401);
    expect((await db.session.findFirstOrThrow({ where: { user: { email: active.email } } })).endReason).toBe("absolute-timeout");
  });
});
