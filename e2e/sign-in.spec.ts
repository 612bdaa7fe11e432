import { readFileSync } from "node:fs";
import {
  currentPublicId,
  expect,
  forgeSeal,
  loggedEvents,
  newIdentifiableClient,
  plantSessionCookie,
  sessionCookieValue,
  signIn,
  signUp,
  test,
} from "./fixtures";
import { serverLogFile } from "./test-servers";

test.describe("signing up and signing in", () => {
  test(
    "A new user signs up, lands on their account, sees who is signed in and a Sign out button.",
    { tag: ["@v5.0.0-7.4.4", "@v3.0.1-3.5"] },
    async ({ page, credentials, db }) => {
      await signUp(page, credentials);

      const header = page.getByRole("banner");
      await expect(header).toContainText(`Signed in as ${credentials.email}`);
      await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();

      const response = await page.request.get("/api/session");
      expect(response.status()).toBe(200);
      const body = await response.json();
      expect(body.user.email).toBe(credentials.email);
      const row = await db.session.findUniqueOrThrow({
        where: { publicId: body.session.publicId },
        include: { user: true },
      });
      expect(row.user.email).toBe(credentials.email);
      expect(row.endedAt).toBeNull();
      expect(row.user.passwordHash).toMatch(/^\$argon2id\$/);
    },
  );

  test(
    "A failed sign-in never tells whether the account exists, and is logged with the account or a keyed hash of the email, the client, and no password.",
    { tag: ["@v5.0.0-16.3.1", "@v4.0.3-7.2.1", "@v3.0.1-2.12"] },
    async ({ browser, credentials, db, baseURL }) => {
      const client = await newIdentifiableClient(browser, baseURL!);
      const { page } = client;
      await signUp(page, credentials);
      await page.context().clearCookies();
      const unknownEmail = `nobody-${credentials.email}`;

      const messages: string[] = [];
      for (const email of [credentials.email, unknownEmail]) {
        await page.goto("/login");
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill("wrong password 123");
        await page.getByRole("button", { name: "Sign in" }).click();
        const alert = page.locator("form").getByRole("alert");
        await expect(alert).toBeVisible();
        messages.push((await alert.textContent()) ?? "");
        await expect(page).toHaveURL(/\/login$/);
      }
      expect(messages[0]).toBe("Incorrect email or password.");
      expect(messages[1]).toBe(messages[0]);

      const userId = (await db.user.findUniqueOrThrow({ where: { email: credentials.email } })).id;
      const failuresOfThisClient = () =>
        loggedEvents("app").filter((line) => line.event === "sign-in-failed" && line.userAgent === client.userAgent);
      await expect.poll(() => failuresOfThisClient().length).toBe(2);
      const [known, unknown] = failuresOfThisClient();
      expect(known).toMatchObject({
        kind: "auth",
        outcome: "failure",
        reason: "wrong-password",
        userId,
        ipAddress: client.ipAddress,
      });
      expect(unknown).toMatchObject({
        kind: "auth",
        outcome: "failure",
        reason: "unknown-email",
        emailRef: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      expect(JSON.stringify(unknown)).not.toContain(unknownEmail);
      expect(readFileSync(serverLogFile("app"), "utf8")).not.toContain("wrong password 123");
      await client.context.close();
    },
  );

  test(
    "Signing in again issues a new session and ends the one the browser had.",
    { tag: ["@v5.0.0-7.2.4", "@v4.0.3-3.2.1", "@v3.0.1-3.7"] },
    async ({ page, credentials, db, replay }) => {
      await signUp(page, credentials);
      const firstId = await currentPublicId(page);
      const firstCookie = await sessionCookieValue(page.context());

      await signIn(page, credentials);
      const secondId = await currentPublicId(page);

      expect(secondId).not.toBe(firstId);
      const first = await db.session.findUniqueOrThrow({ where: { publicId: firstId } });
      expect(first.endReason).toBe("replaced-by-sign-in");
      expect((await replay(firstCookie)).status()).toBe(401);
      expect((await page.request.get("/api/session")).status()).toBe(200);
    },
  );

  test(
    "A session cookie planted before sign-in never becomes the signed-in session.",
    { tag: ["@v5.0.0-7.2.4", "@v3.0.1-3.10", "@v3.0.1-3.1", "@v4.0.3-3.2.1"] },
    async ({ browser, page, credentials, db, replay }) => {
      // The attacker signs up and plants their own, valid cookie in the victim's browser.
      const attacker = await browser.newContext();
      const attackerPage = await attacker.newPage();
      await signUp(attackerPage, { email: `attacker-${credentials.email}`, password: credentials.password });
      const attackerId = await currentPublicId(attackerPage);
      const planted = await sessionCookieValue(attacker);
      await attacker.close();

      await signUp(page, credentials);
      await page.context().clearCookies();
      await plantSessionCookie(page, planted);
      await signIn(page, credentials);

      const victimId = await currentPublicId(page);
      expect(victimId).not.toBe(attackerId);
      const victimRow = await db.session.findUniqueOrThrow({ where: { publicId: victimId }, include: { user: true } });
      expect(victimRow.user.email).toBe(credentials.email);
      const plantedRow = await db.session.findUniqueOrThrow({
        where: { publicId: attackerId },
        include: { user: true },
      });
      expect(plantedRow.user.email).not.toBe(credentials.email);
      expect(plantedRow.endReason).toBe("replaced-by-sign-in");
      expect((await replay(planted)).status()).toBe(401);
    },
  );

  test(
    "A forged cookie naming a token the server never issued grants nothing, before or after sign-in.",
    { tag: ["@v3.0.1-3.10", "@v5.0.0-7.2.1"] },
    async ({ page, credentials, replay }) => {
      const forged = await forgeSeal({ t: "A".repeat(43) });
      expect((await replay(forged)).status()).toBe(401);

      await signUp(page, credentials);
      await page.context().clearCookies();
      await plantSessionCookie(page, forged);
      await signIn(page, credentials);

      expect((await replay(forged)).status()).toBe(401);
      expect(await sessionCookieValue(page.context())).not.toBe(forged);
    },
  );
});
