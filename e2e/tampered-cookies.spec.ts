import { tamperWithSeal } from "../lib/testing/seal-tampering";
import { expect, forgeSeal, sessionCookieValue, signUp, test } from "./fixtures";

test.describe("tampered and forged session cookies", () => {
  test("[r357][v4.0.3-3.5.3][v5.0.0-9.1.1][v5.0.0-9.1.2][v5.0.0-9.1.3][v3.0.1-3.10][v5.0.0-16.5.1] are refused as anonymous, never with a server error or a stack trace", async ({
    page,
    credentials,
    replay,
  }) => {
    await signUp(page, credentials);
    const valid = await sessionCookieValue(page.context());

    const variants: Record<string, string> = {
      ...tamperWithSeal(valid),
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

  test("[v5.0.0-7.2.2][v4.0.3-3.5.2][r357] no static key or header signs anyone in: only the session cookie counts", async ({
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
    expect((await request.get(`/api/session?session=${encodeURIComponent(valid)}`)).status()).toBe(401);
    await anonymous.close();
    expect((await replay(valid)).status()).toBe(200);
  });
});
