import { readFileSync } from "node:fs";
import { unsealData } from "iron-session";
import type { Page } from "@playwright/test";
import {
  currentPublicId,
  expect,
  expireReauthentication,
  loggedEvents,
  newIdentifiableClient,
  sessionCookieValue,
  signIn,
  signOut,
  signUp,
  test,
} from "./fixtures";
import { serverLogFile } from "./test-servers";

/** Everything the browser sent and received, for scanning once the journey is over. */
function recordTraffic(page: Page) {
  const urls: string[] = [];
  const bodies: Promise<string>[] = [];
  const documents: { url: string; cacheControl: string }[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("response", (response) => {
    bodies.push(response.text().catch(() => "")); // redirects have no body
    if (response.request().resourceType() === "document") {
      documents.push({ url: response.url(), cacheControl: response.headers()["cache-control"] ?? "" });
    }
  });
  return { urls, bodies, documents };
}

test.describe("the session token never leaks", () => {
  test(
    "No token, token hash or password appears in any URL, page, payload, error page or log line across a whole journey.",
    {
      tag: [
        "@v3.0.1-3.6",
        "@v5.0.0-14.2.1",
        "@v4.0.3-3.1.1",
        "@v5.0.0-3.3.4",
        "@v5.0.0-16.2.5",
        "@v4.0.3-7.1.1",
        "@v3.0.1-8.7",
        "@v5.0.0-14.3.2",
        "@v4.0.3-8.2.1",
        "@v4.0.3-8.3.1",
        "@v4.0.3-13.1.3",
      ],
    },
    async ({ page, credentials, db }) => {
      const traffic = recordTraffic(page);
      const cookies = new Set<string>();
      const remember = async () => cookies.add(await sessionCookieValue(page.context()));
      const newPassword = `${credentials.password}-new`;

      await signUp(page, credentials);
      await remember();
      for (const path of [
        "/account",
        "/account/sessions",
        "/account/email",
        "/api/session",
        "/api/session/status",
        "/no-such-page",
      ]) {
        await page.goto(path);
      }
      await page.request.get("/auth/sign-out"); // 405
      await expireReauthentication(db, await currentPublicId(page));
      await page.goto("/account/sessions");
      await page.getByLabel("Password", { exact: true }).fill(credentials.password);
      await page.getByRole("button", { name: "Confirm password" }).click();
      await expect(page.getByRole("button", { name: "Sign out all other sessions" })).toBeVisible();
      await remember();
      await page.goto("/account/password");
      await page.getByLabel("Current password").fill(credentials.password);
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await page.getByLabel("Confirm new password").fill(newPassword);
      await page.getByRole("checkbox", { name: /Sign out my other sessions/ }).uncheck();
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByRole("status")).toContainText("Your password has been changed");
      await remember();
      await signOut(page);
      await signIn(page, { ...credentials, password: newPassword });
      await remember();
      await signOut(page);

      const secrets = new Set<string>(cookies);
      for (const cookie of cookies) {
        const { t } = await unsealData<{ t: string }>(cookie, { password: { 1: process.env.E2E_SESSION_SECRET! } });
        secrets.add(t);
      }
      const rows = await db.session.findMany({ where: { user: { email: credentials.email } } });
      expect(rows.length).toBeGreaterThanOrEqual(4);
      for (const row of rows) secrets.add(row.tokenHash);

      const bodies = await Promise.all(traffic.bodies);
      const log = readFileSync(serverLogFile("app"), "utf8");
      for (const secret of secrets) {
        for (const url of traffic.urls) expect(url).not.toContain(secret);
        for (const body of bodies) expect(body).not.toContain(secret);
        expect(log).not.toContain(secret);
      }
      for (const password of [credentials.password, newPassword]) {
        for (const body of bodies) expect(body).not.toContain(password);
        expect(log).not.toContain(password);
      }

      const userId = rows[0]!.userId;
      const passwordChangeLogged = log
        .split("\n")
        .some((line) => line.includes('"event":"password-changed"') && line.includes(`"userId":${userId}`));
      expect(passwordChangeLogged).toBe(true);

      // Pages shown to a signed-in user must not be kept by the browser or any cache.
      const accountPages = traffic.documents.filter((document) =>
        new URL(document.url).pathname.startsWith("/account"),
      );
      expect(accountPages.length).toBeGreaterThan(3);
      for (const document of accountPages) expect(document.cacheControl, document.url).toContain("no-store");
    },
  );

  test(
    "Every authentication event is logged as structured data with the account and the client, naming the session only by a keyed hash.",
    { tag: ["@v5.0.0-16.3.1", "@v5.0.0-16.2.5", "@v4.0.3-7.2.1", "@v3.0.1-2.12"] },
    async ({ browser, credentials, db, baseURL }) => {
      const client = await newIdentifiableClient(browser, baseURL!);
      const { page } = client;
      await signUp(page, credentials);
      await signOut(page);
      await page.goto("/login");
      await page.getByLabel("Email").fill(credentials.email);
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator("form").getByRole("alert")).toBeVisible();
      await signIn(page, credentials);
      await expireReauthentication(db, await currentPublicId(page));
      await page.goto("/account/sessions");
      await page.getByLabel("Password", { exact: true }).fill("not the password either");
      await page.getByRole("button", { name: "Confirm password" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText("That password is not correct.");
      await page.getByLabel("Password", { exact: true }).fill(credentials.password);
      await page.getByRole("button", { name: "Confirm password" }).click();
      await expect(page.getByRole("button", { name: "Sign out all other sessions" })).toBeVisible();

      const userId = (await db.user.findUniqueOrThrow({ where: { email: credentials.email } })).id;
      const eventsOfThisUser = () =>
        loggedEvents("app").filter((entry) => entry.kind === "auth" && entry.userId === userId);
      const expected = [
        "sign-up:",
        "sign-in:",
        "session-ended:sign-out",
        "sign-in-failed:wrong-password",
        "re-authentication-failed:",
        "re-authentication:",
        "session-ended:rotated",
      ];
      await expect
        .poll(() => new Set(eventsOfThisUser().map((entry) => `${entry.event}:${entry.reason ?? ""}`)))
        .toEqual(new Set(expected));
      for (const entry of eventsOfThisUser()) {
        expect(Date.parse(entry.time as string)).not.toBeNaN();
        expect(entry.outcome).toMatch(/^(success|failure)$/);
        if ("sessionRef" in entry) expect(entry.sessionRef).toMatch(/^[0-9a-f]{16}$/);
        if (entry.outcome === "failure" || entry.event === "sign-in")
          expect(entry).toMatchObject({ ipAddress: client.ipAddress, userAgent: client.userAgent });
      }
      await client.context.close();
    },
  );
});
