import { currentPublicId, expect, keepActiveUntil, sessionCookieValue, signUp, test } from "./fixtures";
import { TEST_SERVERS } from "./test-servers";

test.use({ serverName: "timeouts" });

// Against the server with short timeouts (see e2e/test-servers.ts).
const { SESSION_IDLE_TIMEOUT_SECONDS, SESSION_ABSOLUTE_TIMEOUT_SECONDS, REAUTH_MAX_AGE_SECONDS } =
  TEST_SERVERS.timeouts.env;
const idleSeconds = Number(SESSION_IDLE_TIMEOUT_SECONDS);
const absoluteSeconds = Number(SESSION_ABSOLUTE_TIMEOUT_SECONDS);
const reauthenticationSeconds = Number(REAUTH_MAX_AGE_SECONDS);

type SeenWarning = { text: string; offersToStay: boolean };

test.describe("timeouts a person can see", () => {
  test(
    "A warning comes before the idle limit; staying signed in counts as activity; left alone, the browser lands on sign-in saying why.",
    { tag: ["@v5.0.0-7.3.1", "@v3.0.1-3.3"] },
    async ({ page, credentials }) => {
      await signUp(page, credentials);
      await expect(page.getByRole("banner")).toContainText(/Ends in \d+:\d\d if inactive/);

      const warning = page.getByRole("alertdialog", { name: "Your session is about to end" });
      await expect(warning).toBeVisible({ timeout: idleSeconds * 1000 });
      await expect(warning).toContainText("because you have been inactive");
      await warning.getByRole("button", { name: "Stay signed in" }).click();
      await expect(warning).toBeHidden();
      expect((await (await page.request.get("/api/session/status")).json()).status).toBe("active");

      await expect(page).toHaveURL(/\/login\?reason=idle$/, { timeout: (idleSeconds + 10) * 1000 });
      await expect(page.getByRole("status")).toContainText("inactive for too long");
    },
  );

  test(
    "The maximum lifetime is shown, cannot be extended, and ends the session however active the user is.",
    { tag: ["@v5.0.0-7.3.2", "@v3.0.1-3.4"] },
    async ({ page, credentials }) => {
      test.setTimeout((absoluteSeconds + 60) * 1000);
      // Every warning the page shows is recorded as it appears, so the test never races the page's own redirect.
      const warnings: SeenWarning[] = [];
      await page.exposeFunction("reportSessionWarning", (seen: SeenWarning) => warnings.push(seen));
      await page.addInitScript(() => {
        const report = (window as unknown as { reportSessionWarning: (seen: SeenWarning) => void })
          .reportSessionWarning;
        new MutationObserver(() => {
          const dialog = document.querySelector('[role="alertdialog"]');
          if (dialog) report({ text: dialog.textContent ?? "", offersToStay: dialog.querySelector("button") !== null });
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });

      await signUp(page, credentials);
      await expect(page.getByRole("banner")).toContainText(/at the latest/);

      // Busy the whole time, well inside every idle window, until the page itself gives up.
      let busy = true;
      const activity = (async () => {
        while (busy) {
          await page.request.get("/api/session");
          await new Promise((resolve) => setTimeout(resolve, 1000)); // pacing, not waiting for anything
        }
      })();
      await expect(page).toHaveURL(/\/login\?reason=expired$/, { timeout: (absoluteSeconds + 30) * 1000 });
      busy = false;
      await activity;

      await expect(page.getByRole("status")).toContainText("maximum lifetime, which cannot be extended");
      const final = warnings.filter((seen) => seen.text.includes("maximum lifetime"));
      expect(final.length).toBeGreaterThan(0);
      expect(final.every((seen) => seen.text.includes("cannot be extended") && !seen.offersToStay)).toBe(true);
    },
  );

  test(
    "A confirmed password counts only for a short, configured window, then must be confirmed again.",
    { tag: ["@v5.0.0-7.5.3"] },
    async ({ page, credentials, db, replay }) => {
      await signUp(page, credentials);
      const publicId = await currentPublicId(page);
      const confirmedAt = new Date();
      await db.session.update({ where: { publicId }, data: { authenticatedAt: confirmedAt } });
      await page.goto("/account/delete");
      await expect(page.getByRole("button", { name: "Delete account" })).toBeVisible();

      // In use the whole time: the window must close while the session is alive, however slow the machine,
      // not end with the session when the idle limit (only 2 s longer) overtakes a late reload.
      const cookie = await sessionCookieValue(page.context());
      await keepActiveUntil(replay, cookie, confirmedAt.getTime() + (reauthenticationSeconds + 0.5) * 1000);
      await page.reload();
      await expect(page.getByRole("button", { name: "Delete account" })).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Confirm your password" })).toBeVisible();

      await page.getByLabel("Password", { exact: true }).fill(credentials.password);
      await page.getByRole("button", { name: "Confirm password" }).click();
      await expect(page.getByRole("button", { name: "Delete account" })).toBeVisible();
    },
  );
});
