import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { FOREIGN_ORIGINS, readAllForms } from "./forms";
import {
  expect,
  grantAdmin,
  keepActiveUntil,
  loadThenExpireConfirmation,
  newIdentifiableClient,
  postSignInForm,
  sessionCookieValue,
  signIn,
  signInOnAnotherDevice,
  signUpOverHttp,
  test,
  waitUntilPast,
  type Credentials,
} from "./fixtures";
import { lockOutAsStranger } from "./lockouts";
import { callMe, expectRefreshRefused, expectRefused, linkAndRefresh, postRefresh } from "./program-api";

test.use({ serverName: "admin" });

// These tests end every session and change the timeouts of the whole server, so they run one at a time
// against a server of their own (see e2e/test-servers.ts).
test.describe.configure({ mode: "serial" });

/** Someone else with an account; `alsoDo` runs in their browser after they signed up, before it closes. */
async function newUser<T = undefined>(
  browser: Browser,
  baseURL: string,
  name: string,
  alsoDo?: (page: Page, credentials: Credentials) => Promise<T>,
): Promise<Credentials & { cookie: string; also: T }> {
  const credentials = {
    email: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`,
    password: "a long enough password",
  };
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signUpOverHttp(page, credentials);
  const also = (await alsoDo?.(page, credentials)) as T;
  const cookie = await sessionCookieValue(context);
  await context.close();
  return { ...credentials, cookie, also };
}

async function newUserWithProgram(browser: Browser, baseURL: string, request: APIRequestContext, name: string) {
  const user = await newUser(browser, baseURL, name, (page, credentials) => linkAndRefresh(page, request, credentials));
  return { ...user, program: user.also };
}

test.describe("administration", () => {
  test("Only administrators, granted from the command line, reach the admin page; a client-side flag changes nothing.", async ({
    page,
    credentials,
  }) => {
    await signUpOverHttp(page, credentials);
    expect((await page.goto("/admin"))!.status()).toBe(404);
    await page.evaluate(() => {
      localStorage.setItem("isAdmin", "true");
      document.cookie = "role=admin; Path=/";
    });
    expect((await page.goto("/admin"))!.status()).toBe(404);

    grantAdmin("admin", credentials.email);
    expect((await page.goto("/admin"))!.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
    await expect(
      page.getByRole("listitem").filter({ hasText: `command line — grant-admin — ${credentials.email}` }),
    ).toBeVisible();
  });

  test(
    "An administrator ends all sessions of one user, others are untouched, and the action is recorded.",
    { tag: ["@v5.0.0-7.4.5", "@v5.0.0-7.4.2"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
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
    },
  );

  test(
    "Disabling a user ends their sessions and blocks sign-in until they are enabled again.",
    { tag: ["@v5.0.0-7.4.2", "@v5.0.0-7.4.5"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
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
    },
  );

  test(
    "An administrator clears the wrong passwords of a user whose account a stranger locked: a new browser signs in at once, and the action is recorded.",
    { tag: ["@v5.0.0-6.3.1"] },
    async ({ browser, page, credentials, db, baseURL }) => {
      await signUpOverHttp(page, credentials);
      grantAdmin("admin", credentials.email);
      const target = await newUser(browser, baseURL!, "locked-out");
      const { stranger } = await lockOutAsStranger("admin", browser, baseURL!, db, target.email);
      const newBrowser = await newIdentifiableClient(browser, baseURL!);
      expect((await postSignInForm(newBrowser.context.request, target)).status()).toBe(429);

      await page.goto("/admin");
      await page.getByRole("button", { name: `Clear the wrong passwords of ${target.email}` }).click();
      await expect(page.getByRole("status")).toContainText("count of wrong passwords is cleared");
      expect((await postSignInForm(newBrowser.context.request, target)).status()).toBe(303);
      await expect(page.getByRole("listitem").filter({ hasText: `unlock — ${target.email}` })).toHaveCount(1);
      for (const context of [stranger.context, newBrowser.context]) await context.close();
    },
  );

  test(
    "Ending every session signs out every user, except the administrator who did it.",
    { tag: ["@v5.0.0-7.4.5"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      grantAdmin("admin", credentials.email);
      const first = await newUser(browser, baseURL!, "everyone-a");
      const second = await newUser(browser, baseURL!, "everyone-b");

      await page.goto("/admin");
      await page.getByRole("button", { name: "End every session" }).click();
      await expect(page.getByRole("status")).toHaveText("Every session has been ended, except the one you are using.");
      expect((await replay(first.cookie)).status()).toBe(401);
      expect((await replay(second.cookie)).status()).toBe(401);
      expect((await page.request.get("/api/session")).status()).toBe(200);
    },
  );

  test(
    "Every administrator action refuses a confirmation that has expired, and changes nothing.",
    { tag: ["@v5.0.0-7.5.3"] },
    async ({ browser, page, credentials, replay, db, baseURL }) => {
      await signUpOverHttp(page, credentials);
      grantAdmin("admin", credentials.email);
      const target = await newUser(browser, baseURL!, "kept");
      const policyBefore = await db.setting.findMany();
      const presses = [
        () => page.getByRole("button", { name: `End sessions of ${target.email}` }).click(),
        () => page.getByRole("button", { name: `Disable ${target.email}` }).click(),
        () => page.getByRole("button", { name: `Clear the wrong passwords of ${target.email}` }).click(),
        () => page.getByRole("button", { name: "End every session" }).click(),
        async () => {
          await page.getByLabel("Idle timeout (seconds)").fill("20");
          await page.getByRole("button", { name: "Save timeouts" }).click();
        },
        () => page.getByRole("button", { name: "Use the environment's timeouts" }).click(),
      ];
      for (const press of presses) {
        await loadThenExpireConfirmation(page, db, "/admin");
        await press();
        await expect(page).toHaveURL(/\/admin\?notice=confirm-first$/);
        expect((await replay(target.cookie)).status()).toBe(200);
      }
      expect(await db.setting.findMany()).toEqual(policyBefore);
      expect((await db.user.findUniqueOrThrow({ where: { email: target.email } })).disabledAt).toBeNull();
      expect(await db.auditEvent.count({ where: { actorEmail: credentials.email } })).toBe(0);
    },
  );

  test(
    "Another site cannot submit any administrator form, even without an Origin header or with Origin null.",
    { tag: ["@v5.0.0-3.5.1", "@v4.0.3-4.2.2", "@v3.0.1-4.13"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      grantAdmin("admin", credentials.email);
      const target = await newUser(browser, baseURL!, "cross-site-target");
      const html = await (await page.request.get("/admin")).text();
      const forms = readAllForms(html);
      expect(forms.length).toBeGreaterThanOrEqual(5);
      for (const fields of forms) {
        for (const origin of FOREIGN_ORIGINS) {
          const response = await page.request.post("/admin", { multipart: fields, headers: origin, maxRedirects: 0 });
          expect(response.status(), JSON.stringify(origin)).toBe(403);
        }
      }
      expect((await replay(target.cookie)).status()).toBe(200);
      expect((await page.request.get("/api/session")).status()).toBe(200);
    },
  );

  test("Timeouts out of bounds are refused with the reason and stored nowhere, and signing in keeps working.", async ({
    browser,
    page,
    credentials,
    db,
    baseURL,
  }) => {
    await signUpOverHttp(page, credentials);
    grantAdmin("admin", credentials.email);
    await page.goto("/admin");
    const stored = await db.setting.findMany();
    const idle = page.getByLabel("Idle timeout (seconds)");
    const absolute = page.getByLabel("Absolute timeout (seconds)");
    // The browser checks the bounds too; without its help the server must still refuse.
    await page
      .locator("input[type=number]")
      .evaluateAll((inputs) =>
        inputs.forEach((input) => ["min", "max", "step"].forEach((name) => input.removeAttribute(name))),
      );
    const attempts = [
      // Each reason names the value it refuses, so one attempt's answer is never mistaken for the previous one's.
      {
        idle: "600",
        absolute: "1e21",
        reason: /absolute timeout must be a whole number of seconds from 5 to 2592000\. Nothing/,
      },
      {
        idle: "600",
        absolute: "2592001",
        reason: /absolute timeout must be a whole number of seconds from 5 to 2592000 \(got 2592001\)/,
      },
      { idle: "7200", absolute: "3600", reason: /idle timeout \(7200 s\) cannot be longer than the absolute timeout/ },
      { idle: "2", absolute: "3600", reason: /idle timeout must be a whole number of seconds from 5/ },
    ];
    for (const attempt of attempts) {
      await idle.fill(attempt.idle);
      await absolute.fill(attempt.absolute);
      await page.getByRole("button", { name: "Save timeouts" }).click();
      const refusal = page.getByRole("alert").filter({ hasText: "Nothing was changed." });
      await expect(refusal).toContainText(attempt.reason);
    }
    expect(await db.setting.findMany()).toEqual(stored);
    // Every account can still sign in under the policy in force.
    await newUser(browser, baseURL!, "after-refusal");
  });

  test(
    "Ending a user's sessions or disabling the user also ends the user's program links.",
    { tag: ["@v5.0.0-7.4.2", "@v5.0.0-7.4.5", "@v4.0.3-3.5.1"] },
    async ({ browser, page, request, credentials, baseURL }) => {
      await signUpOverHttp(page, credentials);
      grantAdmin("admin", credentials.email);
      const revoked = await newUserWithProgram(browser, baseURL!, request, "revoked-links");
      const disabled = await newUserWithProgram(browser, baseURL!, request, "disabled-links");
      const bystander = await newUserWithProgram(browser, baseURL!, request, "bystander-links");

      await page.goto("/admin");
      await page.getByRole("button", { name: `End sessions of ${revoked.email}` }).click();
      await expect(page.getByRole("status")).toHaveText("That user's sessions have been ended.");
      await page.getByRole("button", { name: `Disable ${disabled.email}` }).click();
      await expect(page.getByRole("status")).toContainText("The user is disabled");

      for (const { email, program } of [revoked, disabled]) {
        await expectRefused(await callMe(request, program.accessToken), `${email}'s access token`);
        await expectRefreshRefused(await postRefresh(request, program.refreshToken), `${email}'s refresh token`);
      }
      expect((await callMe(request, bystander.program.accessToken)).status()).toBe(200);
    },
  );

  // Last on purpose: it leaves the server with short timeouts.
  test(
    "Timeouts set on the admin page apply at once, without a restart, to sessions that already exist.",
    { tag: ["@v3.0.1-3.4", "@v5.0.0-7.3.1", "@v5.0.0-7.3.2"] },
    async ({ browser, page, credentials, replay, db, baseURL }) => {
      const idleLimit = 10;
      const absoluteLimit = 15;
      await signUpOverHttp(page, credentials);
      grantAdmin("admin", credentials.email);
      const idle = await newUser(browser, baseURL!, "idle");
      const idleSince = (
        await db.session.findFirstOrThrow({ where: { user: { email: idle.email } } })
      ).lastSeenAt.getTime();

      // Signing in again gives the administrator a session that is fresh however the new limits fall.
      await signIn(page, credentials);
      await page.goto("/admin");
      await page.getByLabel("Idle timeout (seconds)").fill(String(idleLimit));
      await page.getByRole("button", { name: "Save timeouts" }).click();
      await expect(page.getByRole("status")).toContainText("The new timeouts apply now");
      await expect(page.getByText(`In force: idle ${idleLimit} s`)).toBeVisible();
      // The default idle limit is half an hour; the new one ends a session that has not been used since.
      await waitUntilPast(idleSince + idleLimit * 1000 + 500);
      expect((await replay(idle.cookie)).status()).toBe(401);
      expect((await db.session.findFirstOrThrow({ where: { user: { email: idle.email } } })).endReason).toBe(
        "idle-timeout",
      );

      await signIn(page, credentials);
      await page.goto("/admin");
      // The idle limit may not exceed the absolute one.
      await page.getByLabel("Idle timeout (seconds)").fill(String(absoluteLimit));
      await page.getByLabel("Absolute timeout (seconds)").fill(String(absoluteLimit));
      await page.getByRole("button", { name: "Save timeouts" }).click();
      await expect(page.getByRole("status")).toContainText("The new timeouts apply now");
      const recorded = await db.auditEvent.findFirstOrThrow({
        where: { action: "set-timeouts", actorEmail: credentials.email },
        orderBy: { id: "desc" },
      });
      expect(recorded.detail).toContain(`absolute ${absoluteLimit} s`);

      // Used without pause, a session still ends at the new absolute limit.
      const active = await newUser(browser, baseURL!, "active");
      const started = (
        await db.session.findFirstOrThrow({ where: { user: { email: active.email } } })
      ).createdAt.getTime();
      const afterDeadline = await keepActiveUntil(replay, active.cookie, started + absoluteLimit * 1000);
      expect(afterDeadline.status()).toBe(401);
      expect((await db.session.findFirstOrThrow({ where: { user: { email: active.email } } })).endReason).toBe(
        "absolute-timeout",
      );
    },
  );
});
