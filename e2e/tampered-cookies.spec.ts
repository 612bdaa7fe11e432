import { unsealData } from "iron-session";
import { tamperWithSeal } from "@/testing/seal-tampering";
import {
  expect,
  forgeSeal,
  loggedEvents,
  newIdentifiableClient,
  sessionCookieValue,
  signUpOverHttp,
  test,
} from "./fixtures";

test.describe("tampered and forged session cookies", () => {
  test(
    "Are refused as anonymous, never with a server error or a stack trace.",
    {
      tag: [
        "@v4.0.3-3.5.3",
        "@v5.0.0-9.1.1",
        "@v5.0.0-9.1.2",
        "@v5.0.0-9.1.3",
        "@v5.0.0-9.2.1",
        "@v5.0.0-9.2.2",
        "@v3.0.1-3.10",
        "@v3.0.1-3.1",
        "@v5.0.0-16.5.1",
      ],
    },
    async ({ page, credentials, replay }) => {
      await signUpOverHttp(page, credentials);
      const valid = await sessionCookieValue(page.context());

      const { t: token } = await unsealData<{ t: string }>(valid, { password: { 1: process.env.E2E_SESSION_SECRET! } });
      const variants: Record<string, string> = {
        ...tamperWithSeal(valid),
        "the live token itself, unsealed": token,
        "the live token sealed with another key": await forgeSeal(
          { t: token },
          "attacker-secret-of-at-least-32-characters",
        ),
        "an expired seal of the live token": await forgeSeal({ t: token }, undefined, { ttlSeconds: -120 }),
        "a real seal of an impostor payload": await forgeSeal({ userId: 1, admin: true }),
        "a real seal of a malformed token": await forgeSeal({ t: "' OR 1=1 --" }),
      };

      for (const [name, cookie] of Object.entries(variants)) {
        const api = await replay(cookie);
        expect(api.status(), name).toBe(401);
        expect(await api.json(), name).toEqual({ error: "Not signed in." });

        const account = await replay(cookie, "/account");
        expect(account.status(), name).toBe(307);
        expect(account.headers().location, name).toMatch(/^\/login/);
      }

      // None of that touched the real session, and the token is live: sealed with the real key it is accepted.
      expect((await replay(valid)).status()).toBe(200);
      expect((await replay(await forgeSeal({ t: token }))).status()).toBe(200);
    },
  );

  test(
    "No static key, header or URL parameter signs anyone in: only the session cookie counts.",
    { tag: ["@v5.0.0-7.2.2", "@v4.0.3-3.5.2", "@v3.0.1-18.6", "@v5.0.0-14.2.1", "@v4.0.3-3.1.1", "@v3.0.1-3.6"] },
    async ({ page, credentials, replay }) => {
      await signUpOverHttp(page, credentials);
      const valid = await sessionCookieValue(page.context());
      const anonymous = await page.context().browser()!.newContext();
      const request = anonymous.request;
      for (const headers of <Record<string, string>[]>[
        { Authorization: `Bearer ${process.env.E2E_SESSION_SECRET}` },
        { Authorization: `Bearer ${valid}` },
        { "X-API-Key": process.env.E2E_SESSION_SECRET! },
        { "X-Session": valid },
      ]) {
        expect((await request.get("/api/session", { headers })).status()).toBe(401);
      }
      const { t: rawToken } = await unsealData<{ t: string }>(valid, {
        password: { 1: process.env.E2E_SESSION_SECRET! },
      });
      for (const query of [
        `session=${encodeURIComponent(valid)}`,
        `__Host-session=${encodeURIComponent(valid)}`,
        `sid=${rawToken}`,
        `token=${rawToken}`,
      ]) {
        expect((await request.get(`/api/session?${query}`)).status()).toBe(401);
        expect((await request.get(`/account;jsessionid=${rawToken}?${query}`, { maxRedirects: 0 })).status()).not.toBe(
          200,
        );
      }
      await anonymous.close();
      expect((await replay(valid)).status()).toBe(200);
    },
  );

  test(
    "Refused cookies are logged with the client, a few lines at most however many arrive, and never with the cookie.",
    { tag: ["@v5.0.0-16.2.5"] },
    async ({ browser, baseURL }) => {
      const client = await newIdentifiableClient(browser, baseURL!);
      const garbage = `garbage-${Date.now()}`;
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await client.context.request.get("/api/session", {
          headers: { cookie: `__Host-session=${garbage}-${attempt}` },
        });
        expect(response.status()).toBe(401);
      }
      const refusals = () =>
        loggedEvents("app").filter(
          (line) => line.event === "session-cookie-refused" && line.userAgent === client.userAgent,
        );
      await expect.poll(() => refusals().length).toBeGreaterThan(0);
      expect(refusals().length).toBeLessThan(20);
      expect(refusals()[0]).toMatchObject({ kind: "security", ipAddress: client.ipAddress });
      expect(JSON.stringify(refusals())).not.toContain(garbage);
      await client.context.close();
    },
  );
});
