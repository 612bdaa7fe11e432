import { USER_AGENTS, currentPublicId, expect, signInOnAnotherDevice, signUpOverHttp, test } from "./fixtures";
import { TEST_SERVERS } from "./test-servers";

const limit = Number(TEST_SERVERS.app.env.SESSION_MAX_CONCURRENT);

test.describe("concurrent sessions", () => {
  test(
    "A sign-in beyond the per-user limit ends the least recently used session and says so.",
    { tag: ["@v3.0.1-3.16"] },
    async ({ browser, page, credentials, db, replay, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const oldestId = await currentPublicId(page);
      const devices = [];
      for (let i = 1; i < limit; i++)
        devices.push(await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux));
      for (const device of devices) expect((await replay(device.cookie)).status()).toBe(200);

      const extra = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.edgeWindows);
      await expect(extra.page).toHaveURL(/\/account\?notice=sessions-limit$/);
      await expect(extra.page.getByRole("status")).toContainText(`at most ${limit} sessions at once`);

      expect((await db.session.findUniqueOrThrow({ where: { publicId: oldestId } })).endReason).toBe("evicted");
      for (const device of devices) expect((await replay(device.cookie)).status()).toBe(200);
      await page.goto("/account");
      await expect(page).toHaveURL(/\/login\?reason=evicted$/);
      await expect(page.getByRole("status")).toContainText("more devices than the limit allows");
      await Promise.all([...devices, extra].map((device) => device.context.close()));
    },
  );

  test(
    "Sign-ins that race cannot push the user past the limit.",
    { tag: ["@v3.0.1-3.16"] },
    async ({ browser, page, credentials, db, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const contexts = await Promise.all(Array.from({ length: limit + 2 }, () => browser.newContext({ baseURL })));
      const pages = await Promise.all(
        contexts.map(async (context) => {
          const racer = await context.newPage();
          await racer.goto("/login");
          await racer.getByLabel("Email").fill(credentials.email);
          await racer.getByLabel("Password").fill(credentials.password);
          return racer;
        }),
      );
      // Every form is filled first, then all are sent at once.
      await Promise.all(pages.map((racer) => racer.getByRole("button", { name: "Sign in" }).click()));
      // A racer may land on its account, or find its brand-new session already ended by a later racer.
      await Promise.all(pages.map((racer) => expect(racer).toHaveURL(/\/account|\/login\?reason=evicted$/)));

      const live = await db.session.count({ where: { user: { email: credentials.email }, endedAt: null } });
      expect(live).toBe(limit);
      await Promise.all(contexts.map((context) => context.close()));
    },
  );
});
