import {
  expect,
  keepActiveUntil,
  loggedEvents,
  sessionCookie,
  sessionCookieValue,
  signUp,
  test,
  waitUntilPast,
} from "./fixtures";
import { TEST_SERVERS } from "./test-servers";

test.use({ serverName: "timeouts" });

// This spec runs against the server started with short timeouts (see e2e/test-servers.ts).
const idleSeconds = Number(TEST_SERVERS.timeouts.env.SESSION_IDLE_TIMEOUT_SECONDS);
const absoluteSeconds = Number(TEST_SERVERS.timeouts.env.SESSION_ABSOLUTE_TIMEOUT_SECONDS);

test.describe("session timeouts", () => {
  test(
    "Activity keeps a session alive; inactivity past the idle limit ends it.",
    { tag: ["@v5.0.0-7.3.1", "@v3.0.1-3.3", "@v4.0.3-3.3.2"] },
    async ({ page, credentials, db, replay }) => {
      await signUp(page, credentials);
      const cookie = await sessionCookieValue(page.context());
      const { session } = await (await replay(cookie)).json();

      // Positive control: used without pause for longer than the idle limit, the session stays.
      await keepActiveUntil(replay, cookie, Date.parse(session.createdAt) + (idleSeconds + 2) * 1000);
      const sentAt = Date.now();
      const body = await (await replay(cookie)).json();
      const idleExpiresAt = Date.parse(body.session.idleExpiresAt);
      // Each request pushes the idle deadline on, up to the write interval (a twentieth of the limit) earlier.
      expect(idleExpiresAt).toBeGreaterThanOrEqual(sentAt + (idleSeconds * 1000 * 19) / 20 - 1000);

      await waitUntilPast(idleExpiresAt + 500);
      expect((await replay(cookie)).status()).toBe(401);
      const row = await db.session.findUniqueOrThrow({ where: { publicId: body.session.publicId } });
      expect(row.endReason).toBe("idle-timeout");
      await expect
        .poll(() =>
          loggedEvents("timeouts").some(
            (line) => line.event === "session-ended" && line.reason === "idle-timeout" && line.userId === row.userId,
          ),
        )
        .toBe(true);

      await page.goto("/account");
      await expect(page).toHaveURL(/\/login\?reason=idle$/);
      await expect(page.getByRole("status")).toContainText("inactive");
    },
  );

  test(
    "A session ends at the absolute limit however active it is.",
    { tag: ["@v5.0.0-7.3.2", "@v3.0.1-3.4", "@v4.0.3-3.3.2"] },
    async ({ page, credentials, db, replay }) => {
      const signUpResponse = page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().endsWith("/signup"),
      );
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

      // Never idle: requests one after another until the absolute limit has passed, and the first after it fails.
      const afterDeadline = await keepActiveUntil(replay, cookie, row.absoluteExpiresAt.getTime());
      expect(afterDeadline.status()).toBe(401);
      const ended = await db.session.findUniqueOrThrow({ where: { publicId: session.publicId } });
      expect(ended.endReason).toBe("absolute-timeout");

      // The cookie's Max-Age ends with the session, so the browser drops it as well.
      await waitUntilPast(row.createdAt.getTime() + maxAge * 1000 + 1000);
      expect(await sessionCookie(page.context())).toBeUndefined();
      await page.goto("/account");
      await expect(page).toHaveURL(/\/login$/);
    },
  );
});
