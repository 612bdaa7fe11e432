import { expect, signUp, test } from "./fixtures";
import { TEST_SERVERS } from "./test-servers";

// Against the server with short timeouts (see e2e/test-servers.ts).
const { SESSION_IDLE_TIMEOUT_SECONDS, SESSION_ABSOLUTE_TIMEOUT_SECONDS, REAUTH_MAX_AGE_SECONDS } = TEST_SERVERS.timeouts.env;
const idleSeconds = Number(SESSION_IDLE_TIMEOUT_SECONDS);
const absoluteSeconds = Number(SESSION_ABSOLUTE_TIMEOUT_SECONDS);
const reauthenticationSeconds = Number(REAUTH_MAX_AGE_SECONDS);

test.describe("timeouts a person can see", () => {
  test("A warning comes before the idle limit; staying signed in counts as activity; left alone, the browser lands on sign-in saying why.", { tag: ["@v5.0.0-7.3.1", "@v3.0.1-3.3"] }, async ({
    page,
    credentials,
  }) => {
    await signUp(page, credentials);
    await expect(page.getByRole("banner")).toContainText(/Ends in \d+:\d\d if inactive/);

    const warning = page.getByRole("alertdialog", { name: "Your session is about to end" });
    await expect(warning).toBeVisible({ timeout: idleSeconds * 1000 });
    await expect(warning).toContainText("because you have been inactive");
    await warning.getByRole("button", { name: "Stay signed in" }).click();
    await expect(warning).toBeHidden();
    expect((await page.request.get("/api/session/status")).ok()).toBe(true);
    expect((await (await page.request.get("/api/session/status")).json()).status).toBe("active");

    await expect(page).toHaveURL(/\/login\?reason=idle$/, { timeout: (idleSeconds + 5) * 1000 });
    await expect(page.getByRole("status")).toContainText("inactive for too long");
  });

  test("The maximum lifetime is shown, cannot be extended, and ends the session however active the user is.", { tag: ["@v5.0.0-7.3.2", "@v3.0.1-3.4"] }, async ({
    page,
    credentials,
  }) => {
    test.setTimeout((absoluteSeconds + 30) * 1000);
    await signUp(page, credentials);
    await expect(page.getByRole("banner")).toContainText(/at the latest/);

    // Keep busy well inside every idle window until the absolute limit approaches.
    const warning = page.getByRole("alertdialog", { name: "Your session is about to end" });
    const busyUntil = Date.now() + (absoluteSeconds - 1) * 1000;
    while (Date.now() < busyUntil && !(await warning.textContent().catch(() => ""))?.includes("cannot be extended")) {
      await page.request.get("/api/session");
      await page.waitForTimeout(1000);
    }
    await expect(warning).toContainText("maximum lifetime");
    await expect(warning).toContainText("cannot be extended");
    await expect(warning.getByRole("button", { name: "Stay signed in" })).toHaveCount(0);

    await expect(page).toHaveURL(/\/login\?reason=expired$/, { timeout: 10_000 });
    await expect(page.getByRole("status")).toContainText("maximum lifetime, which cannot be extended");
  });

  test("A confirmed password counts only for a short, configured window, then must be confirmed again.", { tag: ["@v5.0.0-7.5.1", "@v5.0.0-7.5.3", "@v5.0.0-7.2.4"] }, async ({
    page,
    credentials,
  }) => {
    await signUp(page, credentials);
    await page.goto("/account/delete");
    await expect(page.getByRole("button", { name: "Delete account" })).toBeVisible(); // signing in just now counts

    await page.waitForTimeout((reauthenticationSeconds + 0.5) * 1000);
    await page.reload();
    await expect(page.getByRole("button", { name: "Delete account" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Confirm your password" })).toBeVisible();

    await page.getByLabel("Password", { exact: true }).fill(credentials.password);
    await page.getByRole("button", { name: "Confirm password" }).click();
    await expect(page.getByRole("button", { name: "Delete account" })).toBeVisible();
  });
});
