import { readFileSync } from "node:fs";
import { expect, sessionCookie, sessionCookieValue, signUp, test } from "./fixtures";
import { TEST_SERVERS, serverLogFile } from "./test-servers";

// This spec runs against the server started with short timeouts (see e2e/test-servers.ts).
const idleSeconds = Number(TEST_SERVERS.timeouts.env.SESSION_IDLE_TIMEOUT_SECONDS);
const absoluteSeconds = Number(TEST_SERVERS.timeouts.env.SESSION_ABSOLUTE_TIMEOUT_SECONDS);
const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

test.describe("session timeouts", () => {
  test("Activity keeps a session alive; inactivity past the idle limit ends it.", { tag: ["@v5.0.0-7.3.1", "@v3.0.1-3.3", "@v4.0.3-3.3.2"] }, async ({
    page,
    credentials,
    db,
    replay,
  }) => {
    await signUp(page, credentials);
    const cookie = await sessionCookieValue(page.context());

    // Positive control: requests closer together than the idle limit, for longer than it.
    const activeUntil = Date.now() + (idleSeconds + 2) * 1000;
    while (Date.now() < activeUntil) {
      expect((await replay(cookie)).status()).toBe(200);
      await pause(idleSeconds / 4);
    }
    const body = await (await replay(cookie)).json();
    const idleLeft = (Date.parse(body.session.idleExpiresAt) - Date.now()) / 1000;
    expect(idleLeft).toBeGreaterThan(idleSeconds - 1.5);
    expect(idleLeft).toBeLessThanOrEqual(idleSeconds);

    await pause(idleSeconds + 1);
    expect((await replay(cookie)).status()).toBe(401);
    const row = await db.session.findUniqueOrThrow({ where: { publicId: body.session.publicId } });
    expect(row.endReason).toBe("idle-timeout");
    const expiryLogged = readFileSync(serverLogFile("timeouts"), "utf8")
      .split("\n")
      .some((line) => line.includes('"event":"session-ended"') && line.includes('"reason":"idle-timeout"') && line.includes(`"userId":${row.userId}`));
    expect(expiryLogged).toBe(true);

    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?reason=idle$/);
    await expect(page.getByRole("status")).toContainText("inactive");
  });

  test("A session ends at the absolute limit however active it is.", { tag: ["@v5.0.0-7.3.2", "@v3.0.1-3.4", "@v4.0.3-3.3.2"] }, async ({
    page,
    credentials,
    db,
    replay,
  }) => {
    const signUpResponse = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/signup"));
    await signUp(page, credentials);
    const setCookie = (await (await signUpResponse).headersArray()).find(
      (h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Host-session="),
    );
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie!.value)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(absoluteSeconds);

    const cookie = await sessionCookieValue(page.context());
    const { session } = await (await replay(cookie)).json();
    const row = await db.session.findUniqueOrThrow({ where: { publicId: session.publicId } });
    expect(row.absoluteExpiresAt.getTime() - row.createdAt.getTime()).toBe(absoluteSeconds * 1000);

    // Never idle: a request well within every idle window, until the absolute limit has passed.
    const deadline = row.absoluteExpiresAt.getTime();
    while (Date.now() < deadline - 1000) {
      expect((await replay(cookie)).status()).toBe(200);
      await pause(Math.min(idleSeconds / 4, (deadline - Date.now()) / 1000 / 2));
    }
    await pause(Math.max(0, (deadline - Date.now()) / 1000) + 0.5);
    expect((await replay(cookie)).status()).toBe(401);
    const ended = await db.session.findUniqueOrThrow({ where: { publicId: session.publicId } });
    expect(ended.endReason).toBe("absolute-timeout");

    // The cookie's Max-Age ends with the session, so the browser has dropped it as well.
    expect(await sessionCookie(page.context())).toBeUndefined();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login$/);
  });
});
