import { randomBytes } from "node:crypto";
import { expect, sessionCookieValue, signIn, signUpOverHttp, test } from "./fixtures";
import { askSession, startOwnServer } from "./own-server";

// The runbook in docs/rotating-secrets.md, step by step, on a server of this test's own that restarts with
// each new SESSION_SECRETS (the database survives the restarts, the secrets do not).
const PORT = 3106;

test.describe("session secret rotation", () => {
  test(
    "A new secret seals new cookies at once, the old one opens its cookies until retired, then they are refused cleanly.",
    { tag: ["@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async ({ browser, credentials }) => {
      test.setTimeout(300_000);
      const [oldSecret, newSecret] = [randomBytes(32).toString("base64url"), randomBytes(32).toString("base64url")];
      const phases = {
        before: { 1: oldSecret },
        overlap: { 2: newSecret, 1: oldSecret },
        retired: { 2: newSecret },
      };
      const start = (phase: keyof typeof phases, keepDatabase: boolean) =>
        startOwnServer("secret-rotation", PORT, { SESSION_SECRETS: JSON.stringify(phases[phase]) }, { keepDatabase });

      let server = await start("before", false);
      const first = await browser.newContext({ baseURL: server.baseURL });
      const second = await browser.newContext({ baseURL: server.baseURL });
      try {
        const firstPage = await first.newPage();
        await signUpOverHttp(firstPage, credentials);
        const oldCookie = await sessionCookieValue(first);
        expect(oldCookie).toMatch(/^Fe26\.2\*1\*/);

        // Overlap: cookies sealed with secret 1 still open; a new sign-in is sealed with secret 2.
        await server.stop();
        server = await start("overlap", true);
        expect((await askSession(server.baseURL, oldCookie)).status).toBe(200);
        const secondPage = await second.newPage();
        await signIn(secondPage, credentials);
        const newCookie = await sessionCookieValue(second);
        expect(newCookie).toMatch(/^Fe26\.2\*2\*/);

        // Retired: secret 1's cookies are refused like any unknown cookie; secret 2's keep working.
        await server.stop();
        server = await start("retired", true);
        expect((await askSession(server.baseURL, oldCookie)).status).toBe(401);
        expect((await askSession(server.baseURL, newCookie)).status).toBe(200);
        await firstPage.goto("/account");
        await expect(firstPage).toHaveURL(/\/login$/);
        await expect(firstPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
        await secondPage.goto("/account");
        await expect(secondPage.getByRole("heading", { name: "Your account" })).toBeVisible();
      } finally {
        await first.close();
        await second.close();
        await server.stop();
      }
    },
  );
});
