import { unsealData } from "iron-session";
import { tamperWithSeal } from "../lib/testing/seal-tampering";
import { expect, forgeSeal, sessionCookieValue, signUp, test } from "./fixtures";

test.describe("tampered and forged session cookies", () => {
  test("Are refused as anonymous, never with a server error or a stack trace.", { tag: ["@r357", "@v4.0.3-3.5.3", "@v5.0.0-9.1.1", "@v5.0.0-9.1.2", "@v5.0.0-9.1.3", "@v5.0.0-9.2.1", "@v5.0.0-9.2.2", "@v5.0.0-9.2.3", "@v3.0.1-3.10", "@v3.0.1-3.1", "@v5.0.0-16.5.1"] }, async ({
    page,
    credentials,
    replay,
  }) => {
    await signUp(page, credentials);
    const valid = await sessionCookieValue(page.context());

    const { t: token } = await unsealData<{ t: string }>(valid, { password: { 1: process.env.E2E_SESSION_SECRET! } });
    const variants: Record<string, string> = {
      ...tamperWithSeal(valid),
      "an expired seal of a live token": await forgeSeal({ t: token }, undefined, { ttlSeconds: -120 }),
      "a seal made with another secret": await forgeSeal({ t: "A".repeat(43) }, "attacker-secret-of-at-least-32-characters"),
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

    // None of that touched the real session.
    expect((await replay(valid)).status()).toBe(200);
  });

  test("No static key, header or URL parameter signs anyone in: only the session cookie counts.", { tag: ["@v5.0.0-7.2.2", "@v4.0.3-3.5.2", "@v3.0.1-18.6", "@r357", "@v5.0.0-14.2.1", "@v4.0.3-3.1.1", "@v3.0.1-3.6"] }, async ({
    page,
    credentials,
    replay,
  }) => {
    await signUp(page, credentials);
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
    const { t: rawToken } = await unsealData<{ t: string }>(valid, { password: { 1: process.env.E2E_SESSION_SECRET! } });
    for (const query of [`session=${encodeURIComponent(valid)}`, `__Host-session=${encodeURIComponent(valid)}`, `sid=${rawToken}`, `token=${rawToken}`]) {
      expect((await request.get(`/api/session?${query}`)).status()).toBe(401);
      expect((await request.get(`/account;jsessionid=${rawToken}?${query}`, { maxRedirects: 0 })).status()).not.toBe(200);
    }
    await anonymous.close();
    expect((await replay(valid)).status()).toBe(200);
  });
});
