import { FOREIGN_ORIGINS, readAllForms, readHiddenFormFields, serverActionsCalledFrom } from "./forms";
import {
  USER_AGENTS,
  currentPublicId,
  expect,
  expireReauthentication,
  loggedEvents,
  newIdentifiableClient,
  sessionCookieValue,
  signInOnAnotherDevice,
  signUpOverHttp,
  test,
} from "./fixtures";

// The route handlers that read the session cookie. The programs' API (/api/v1/*) reads no cookie, so a
// cross-site request borrows nothing there; hostile-access-tokens.spec.ts shows a cookie opens none of it.
const ROUTE_HANDLERS = ["/auth/sign-out", "/auth/sign-out-everywhere", "/auth/delete-account"];

test.describe("requests from other sites", () => {
  test(
    "Another site cannot submit the app's forms: a cross-site server action changes nothing, even with the user's cookie.",
    { tag: ["@v5.0.0-3.5.1", "@v4.0.3-4.2.2", "@v3.0.1-4.13", "@v4.0.3-13.2.3"] },
    async ({ browser, page, credentials, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
      const html = await (await page.request.get("/account/sessions")).text();
      // The laptop's revoke form, as a browser without JavaScript would submit it.
      const fields = readHiddenFormFields(html, `value="${laptop.publicId}"`);
      expect(fields.publicId).toBe(laptop.publicId);

      // The browser attaches the Lax cookie only to same-site requests; this client sends it anyway, which is
      // the worst case: only the Origin check stands in the way.
      const forged = await page.request.post("/account/sessions", {
        multipart: fields,
        headers: { Origin: "http://attacker.test" },
        maxRedirects: 0,
      });
      expect(forged.status()).toBeGreaterThanOrEqual(400);
      expect((await replay(laptop.cookie)).status()).toBe(200);

      // Control: the same submission from the app's own origin does end the session.
      const genuine = await page.request.post("/account/sessions", {
        multipart: fields,
        headers: { Origin: new URL(baseURL!).origin },
        maxRedirects: 0,
      });
      expect(genuine.status()).toBe(303);
      expect((await replay(laptop.cookie)).status()).toBe(401);
      await laptop.context.close();
    },
  );

  test(
    "Every form of every page, every server action its scripts call and every route handler that reads the cookie refuse a cross-site post, with a foreign Origin, Origin null or none, and nothing changes.",
    { tag: ["@v5.0.0-3.5.1", "@v5.0.0-3.5.2", "@v4.0.3-4.2.2", "@v3.0.1-4.13", "@v4.0.3-13.2.3", "@v3.0.1-18.7"] },
    async ({ browser, credentials, db, replay, baseURL }) => {
      const client = await newIdentifiableClient(browser, baseURL!);
      const { page } = client;
      const anonymousForms = await Promise.all(
        ["/login", "/signup"].map(async (path) => ({ path, html: await (await page.request.get(path)).text() })),
      );
      await signUpOverHttp(page, credentials);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
      const mine = await sessionCookieValue(page.context());
      const signedInForms = await Promise.all(
        [
          "/account/sessions",
          "/account/password",
          "/account/email",
          "/account/delete",
          "/account/apps",
          "/account/apps/approve",
        ].map(async (path) => ({
          path,
          html: await (await page.request.get(path)).text(),
        })),
      );

      // With the confirmation expired, the sessions page shows the password confirmation form instead.
      await expireReauthentication(db, await currentPublicId(page));
      signedInForms.push({
        path: "/account/sessions",
        html: await (await page.request.get("/account/sessions")).text(),
      });

      let refused = 0;
      for (const { path, html } of [...anonymousForms, ...signedInForms]) {
        const forms = readAllForms(html);
        expect(forms.length, path).toBeGreaterThan(0);
        for (const fields of forms) {
          for (const origin of FOREIGN_ORIGINS) {
            const response = await page.request.post(path, { multipart: fields, headers: origin, maxRedirects: 0 });
            expect(response.status(), `${path} ${JSON.stringify(origin)}`).toBe(403);
            refused++;
          }
        }
      }
      // Server actions called from scripts, such as the password change or linking a program, by their ids.
      const fetchScript = async (path: string) => (await page.request.get(path)).text();
      const scriptActions = new Map<string, string>();
      for (const { html } of [...anonymousForms, ...signedInForms]) {
        for (const [id, name] of await serverActionsCalledFrom(html, fetchScript)) scriptActions.set(id, name);
      }
      expect([...scriptActions.values()]).toEqual(
        expect.arrayContaining([
          "signInAction",
          "changePasswordAction",
          "confirmPasswordAction",
          "linkProgramAction",
          "answerDeviceAction",
        ]),
      );
      for (const [id, name] of scriptActions) {
        for (const origin of FOREIGN_ORIGINS) {
          const response = await page.request.post("/account/password", {
            headers: { "Next-Action": id, ...origin },
            data: "[]",
          });
          expect(response.status(), `${name} ${JSON.stringify(origin)}`).toBe(403);
          refused++;
        }
      }
      for (const path of ROUTE_HANDLERS) {
        for (const origin of FOREIGN_ORIGINS) {
          expect((await page.request.post(path, { headers: origin, maxRedirects: 0 })).status(), path).toBe(403);
          refused++;
        }
      }
      // The read-only routes that read the cookie take no post at all, from anywhere (decision 027).
      for (const path of ["/api/session", "/api/session/status"]) {
        for (const origin of FOREIGN_ORIGINS) {
          expect((await page.request.post(path, { headers: origin, maxRedirects: 0 })).status(), path).toBe(405);
        }
      }

      expect((await replay(mine)).status()).toBe(200);
      expect((await replay(laptop.cookie)).status()).toBe(200);
      const row = await db.session.findUniqueOrThrow({
        where: { publicId: await currentPublicId(page) },
        include: { user: true },
      });
      expect(row.user.email).toBe(credentials.email);

      // Refusals are logged for this client, but only a few lines however many arrive.
      const refusalsOfThisClient = () =>
        loggedEvents("app").filter(
          (line) => line.event === "cross-site-request-refused" && line.userAgent === client.userAgent,
        );
      await expect.poll(() => refusalsOfThisClient().length).toBeGreaterThan(0);
      const logged = refusalsOfThisClient();
      expect(logged.length).toBeLessThan(refused);
      expect(logged[0]).toMatchObject({ kind: "security", ipAddress: client.ipAddress });
      await Promise.all([laptop.context.close(), client.context.close()]);
    },
  );

  test(
    "The whole origin must match the configured public origin: the same host under another scheme or port is another site.",
    { tag: ["@v5.0.0-3.5.1", "@v4.0.3-4.2.2"] },
    async ({ page, credentials, baseURL, replay }) => {
      await signUpOverHttp(page, credentials);
      const cookie = await sessionCookieValue(page.context());
      const publicOrigin = new URL(baseURL!);
      const otherScheme = `https://${publicOrigin.host}`;
      const otherPort = `${publicOrigin.protocol}//${publicOrigin.hostname}:${Number(publicOrigin.port) + 50}`;
      for (const origin of [otherScheme, otherPort]) {
        const response = await page.request.post("/auth/sign-out", { headers: { Origin: origin }, maxRedirects: 0 });
        expect(response.status(), origin).toBe(403);
        expect((await replay(cookie)).status(), origin).toBe(200);
      }
      // The public origin itself signs out: the refusals above were owed to the origin alone.
      const response = await page.request.post("/auth/sign-out", {
        headers: { Origin: publicOrigin.origin },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(303);
      expect((await replay(cookie)).status()).toBe(401);
    },
  );
});
