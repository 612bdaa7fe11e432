import {
  expect,
  grantAdmin,
  newIdentifiableClient,
  sessionCookieValue,
  signIn,
  signOut,
  signUpOverHttp,
  test,
} from "./fixtures";
import { askSession, startOwnServer } from "./own-server";

// Two production instances on one database, as behind a load balancer without sticky sessions: whichever
// instance a request reaches, it sees the same sessions and the same policy. Under npm run test:postgres the
// database is PostgreSQL; otherwise both share one SQLite file. The browser's cookie for localhost reaches
// both, as it would reach any instance behind one hostname.
const NAME = "many-instances";
const PORTS = [3107, 3108] as const;

let instances: Awaited<ReturnType<typeof startOwnServer>>[] = [];
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(240_000);
  instances = [
    await startOwnServer(NAME, PORTS[0], {}, { keepDatabase: false }),
    await startOwnServer(NAME, PORTS[1], {}, { keepDatabase: true }),
  ];
});
test.afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
});

function bothInstances() {
  const [first, second] = instances;
  if (!first || !second) throw new Error("The two instances did not start.");
  return [first, second] as const;
}

test.describe("many instances on one database", () => {
  test(
    "A session started on one instance works on the other, and ended on either it is refused by both at once.",
    { tag: ["@v5.0.0-7.4.1", "@v3.0.1-3.2", "@v4.0.3-3.3.1"] },
    async ({ browser, credentials }) => {
      const [first, second] = bothInstances();
      const { context, page } = await newIdentifiableClient(browser, first.baseURL);
      await signUpOverHttp(page, credentials);
      const cookie = await sessionCookieValue(context);
      expect(await askSession(second.baseURL, cookie)).toMatchObject({
        status: 200,
        body: { user: { email: credentials.email } },
      });

      await page.goto(`${second.baseURL}/account`);
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
      await signOut(page);
      expect((await askSession(first.baseURL, cookie)).status).toBe(401);
      expect((await askSession(second.baseURL, cookie)).status).toBe(401);
      await context.close();
    },
  );

  test(
    "Timeouts an administrator sets on one instance reach the other without a restart.",
    { tag: ["@v5.0.0-7.3.1", "@v3.0.1-3.3"] },
    async ({ browser, credentials }) => {
      const [first, second] = bothInstances();
      const idleLimit = 123;
      const { context, page } = await newIdentifiableClient(browser, first.baseURL);
      await signUpOverHttp(page, credentials);
      grantAdmin(NAME, credentials.email);
      await signIn(page, credentials);
      const cookie = await sessionCookieValue(context);
      const idleSecondsLeft = async () => {
        const { body } = await askSession(second.baseURL, cookie);
        return (Date.parse(body.session.idleExpiresAt) - Date.now()) / 1000;
      };
      expect(await idleSecondsLeft()).toBeGreaterThan(idleLimit);

      await page.goto(`${first.baseURL}/admin`);
      await page.getByLabel("Idle timeout (seconds)").fill(String(idleLimit));
      await page.getByRole("button", { name: "Save timeouts" }).click();
      await expect(page.getByRole("status")).toContainText("The new timeouts apply now");
      // Each instance reads the stored timeouts again within seconds (docs/decisions/009).
      await expect.poll(idleSecondsLeft, { timeout: 30_000 }).toBeLessThanOrEqual(idleLimit);
      await context.close();
    },
  );
});
