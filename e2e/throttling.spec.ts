import { execFileSync } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import { SECURITY_EVENT_KINDS } from "@/lib/activity/event-kinds";
import { THROTTLE_POLICY, waitAfterFailures } from "@/lib/sign-in/throttle-policy";
import { describeWait } from "@/lib/sign-in/throttle-message";
import {
  expect,
  expectSecurityActivity,
  expireReauthentication,
  currentPublicId,
  loggedEvents,
  mailSentTo,
  newIdentifiableClient,
  plantSessionCookie,
  postSignInForm,
  sessionCookieValue,
  signIn,
  signInOnAnotherDevice,
  signOut,
  signUp,
  signUpOverHttp,
  test,
  trySignIn,
  type Credentials,
} from "./fixtures";
import { postPageForm } from "./forms";
import { emailRefFailedBy, endWait, endWaitOf, lockOutAsStranger, secondsToWait, waitEndsAt } from "./lockouts";
import { serverDatabaseUrl } from "./test-servers";

const WRONG = "Incorrect email or password.";

/** A scripted sign-in post, as a password-guessing program sends it: answered before any password check. */
async function postSignIn(page: Page, baseURL: string, email: string) {
  return page.request.post("/login", {
    form: { email, password: "scripted guess" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
}

/** An account that exists, made in a browser of its own that then closes: no test browser knows it. */
async function signUpOverHttpAndLeave(browser: Browser, baseURL: string, credentials: Credentials) {
  const context = await browser.newContext({ baseURL });
  await signUpOverHttp(await context.newPage(), credentials);
  await context.close();
}

async function expectRefusedWithWait(response: Awaited<ReturnType<typeof postSignIn>>, atMostSeconds: number) {
  expect(response.status()).toBe(429);
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(atMostSeconds - 60);
  expect(retryAfter).toBeLessThanOrEqual(atMostSeconds);
  expect(await response.text()).toBe(describeWait(retryAfter));
}

test.describe("throttling password checks", () => {
  test(
    "Wrong passwords make each next sign-in to the account wait longer, then lock it; an email without an account gets the same answers.",
    { tag: ["@v5.0.0-6.3.1"] },
    async ({ browser, baseURL, page, credentials, db }) => {
      await signUp(page, credentials);
      const answers: Record<string, string[]> = {};
      for (const email of [credentials.email, `nobody-${credentials.email}`]) {
        const guesser = await newIdentifiableClient(browser, baseURL!);
        const seen: string[] = [];
        const waits: number[] = [];
        let emailRef = "";
        for (let failure = 1; failure <= THROTTLE_POLICY.lockoutAfterFailures; failure++) {
          seen.push(await trySignIn(guesser.page, email, `wrong guess ${failure}`));
          emailRef ||= await emailRefFailedBy("app", guesser.ipAddress);
          waits.push(await secondsToWait(db, emailRef));
          // Waiting out the growing waits would take two minutes; the wait is ended instead (the last one is kept).
          if (failure < THROTTLE_POLICY.lockoutAfterFailures) await endWait(db, emailRef);
        }
        expect(seen).toEqual(Array(THROTTLE_POLICY.lockoutAfterFailures).fill(WRONG));
        waits.forEach((wait, index) => {
          const expected = waitAfterFailures(index + 1);
          expect(wait, `wait after failure ${index + 1}`).toBeLessThanOrEqual(expected);
          expect(wait, `wait after failure ${index + 1}`).toBeGreaterThanOrEqual(expected === 0 ? 0 : expected - 5);
        });

        // Locked: even the right password is not checked, whichever client sends it, and a program gets 429.
        const elsewhere = await newIdentifiableClient(browser, baseURL!);
        const posted = elsewhere.page.waitForResponse((response) => response.request().method() === "POST");
        seen.push(await trySignIn(elsewhere.page, email, credentials.password));
        // The form's own post (the script's call of the action) was answered 429 before the action ran.
        expect((await posted).status()).toBe(429);
        await expectRefusedWithWait(await postSignIn(guesser.page, baseURL!, email), THROTTLE_POLICY.lockoutSeconds);
        answers[email === credentials.email ? "known" : "unknown"] = seen;
        await guesser.context.close();
        await elsewhere.context.close();
      }
      expect(answers.known!.at(-1)).toBe(describeWait(THROTTLE_POLICY.lockoutSeconds));
      expect(answers.unknown).toEqual(answers.known);
      // The owner, still signed in, sees every wrong password and the lock they caused.
      await expectSecurityActivity(page, (rows) => {
        const saying = (text: string) => rows.filter((row) => row.includes(text));
        expect(saying(SECURITY_EVENT_KINDS["sign-in-failed"])).toHaveLength(THROTTLE_POLICY.lockoutAfterFailures);
        expect(saying(SECURITY_EVENT_KINDS["account-locked"])).toHaveLength(1);
      });
    },
  );

  test(
    "Wrong passwords from one address across many accounts block that address for an hour; other addresses still sign in.",
    { tag: ["@v5.0.0-6.3.1"] },
    async ({ browser, baseURL, page, credentials }) => {
      await signUp(page, credentials);
      await page.context().clearCookies();
      const sprayer = await newIdentifiableClient(browser, baseURL!);
      const targets = Array.from({ length: 10 }, (_, index) => `spray-${index}-${credentials.email}`);
      // Three guesses per account stay under each account's free failures: only the address is counted out.
      for (let guess = 0; guess < THROTTLE_POLICY.failuresPerAddress; guess++) {
        expect(await trySignIn(sprayer.page, targets[guess % targets.length]!, `guess ${guess}`)).toBe(WRONG);
      }
      expect(await trySignIn(sprayer.page, credentials.email, credentials.password)).toBe(
        describeWait(THROTTLE_POLICY.addressBlockSeconds),
      );
      await expectRefusedWithWait(await postSignIn(sprayer.page, baseURL!, credentials.email), 3600);

      // The account itself is not locked: the same password from this test's own address signs in.
      await signIn(page, credentials);
      await sprayer.context.close();
    },
  );

  test(
    "A stolen session cannot guess the password on the confirmation form any faster than a stranger, and locks only itself.",
    { tag: ["@v5.0.0-6.3.1"] },
    async ({ browser, baseURL, page, credentials, db }) => {
      await signUp(page, credentials);
      const publicId = await currentPublicId(page);
      await expireReauthentication(db, publicId);
      const thief = await newIdentifiableClient(browser, baseURL!);
      await plantSessionCookie(thief.page, await sessionCookieValue(page.context()));
      await thief.page.goto("/account/sessions");
      const password = thief.page.getByRole("textbox", { name: "Password" });
      const confirm = thief.page.getByRole("button", { name: "Confirm password" });
      const alert = thief.page.getByRole("main").getByRole("alert");
      const failures = () =>
        loggedEvents("app").filter(
          (line) => line.event === "re-authentication-failed" && line.ipAddress === thief.ipAddress,
        );
      for (let guess = 1; guess <= THROTTLE_POLICY.lockoutAfterFailures; guess++) {
        await password.fill(`guess ${guess}`);
        await confirm.click();
        // The form empties once the answer is in; the message alone could still be the one from the guess before.
        await expect(password).toHaveValue("");
        await expect.poll(() => failures().length).toBe(guess);
        await expect(alert).toHaveText("That password is not correct.");
        if (guess < THROTTLE_POLICY.lockoutAfterFailures) await endWaitOf(db, `session:${publicId}`);
      }
      await password.fill(credentials.password);
      const posted = thief.page.waitForResponse((response) => response.request().method() === "POST");
      await confirm.click();
      // Turned away by the proxy, before the page's action ran: 429, and how long to wait.
      expect((await posted).status()).toBe(429);
      expect(Number((await posted).headers()["retry-after"])).toBeGreaterThan(THROTTLE_POLICY.lockoutSeconds - 60);
      await expect(alert).toHaveText(describeWait(THROTTLE_POLICY.lockoutSeconds));
      await expect(thief.page.getByRole("heading", { name: "Confirm your password" })).toBeVisible();
      await thief.context.close();

      // The lock holds that session alone: the owner, signed in anew, confirms at once.
      const owner = await signInOnAnotherDevice(browser, baseURL!, credentials);
      await expireReauthentication(db, owner.publicId);
      await owner.page.goto("/account/sessions");
      await owner.page.getByRole("textbox", { name: "Password" }).fill(credentials.password);
      await owner.page.getByRole("button", { name: "Confirm password" }).click();
      await expect(owner.page.getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
      await owner.context.close();
    },
  );

  test(
    "A stranger's wrong passwords lock the account only for browsers new to it: the owner's browser still signs in, and the owner is told.",
    { tag: ["@v5.0.0-6.3.1", "@v5.0.0-6.3.5"] },
    async ({ browser, baseURL, credentials, db }) => {
      const owner = await newIdentifiableClient(browser, baseURL!);
      await signUp(owner.page, credentials);
      await signOut(owner.page);
      const { stranger } = await lockOutAsStranger("app", browser, baseURL!, db, credentials.email);

      // Locked for the stranger, and for any browser the account does not know, the right password included.
      expect((await postSignInForm(stranger.context.request, credentials)).status()).toBe(429);
      const newBrowser = await newIdentifiableClient(browser, baseURL!);
      expect((await postSignInForm(newBrowser.context.request, credentials)).status()).toBe(429);
      // The owner's own browser, which signed in before, is not held by it.
      await signIn(owner.page, credentials);

      await expectSecurityActivity(owner.page, (rows) => {
        expect(rows.filter((row) => row.includes(SECURITY_EVENT_KINDS["account-locked"]))).toHaveLength(1);
      });
      await expect
        .poll(() => mailSentTo(credentials.email).map((mail) => mail.subject))
        .toContainEqual(expect.stringContaining(SECURITY_EVENT_KINDS["account-locked"]));
      const notice = mailSentTo(credentials.email).find((mail) => mail.subject.includes("guessing"))!;
      expect(notice.text).toContain("Browsers you have signed in with before still sign in");
      for (const context of [owner.context, stranger.context, newBrowser.context]) await context.close();
    },
  );

  test("A client that keeps posting while told to wait gets each further refusal only once a second has passed.", async ({
    browser,
    baseURL,
    credentials,
    db,
  }) => {
    await signUpOverHttpAndLeave(browser, baseURL!, credentials);
    const { stranger, guesser } = await lockOutAsStranger("app", browser, baseURL!, db, credentials.email);
    // Three refusals in a row from one address: the second and third are held back to one a second, so a loop
    // costs the server one refused post a second instead of as many as it can send (docs/performance.md).
    const started = Date.now();
    for (let refused = 0; refused < 3; refused++) {
      expect((await postSignInForm(guesser.request, { ...credentials, password: "guess" })).status()).toBe(429);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    await stranger.context.close();
  });

  test(
    "A lock is renewed only by another wrong password once it has run out, never by requests refused while it holds.",
    { tag: ["@v5.0.0-6.3.1"] },
    async ({ browser, baseURL, credentials, db }) => {
      await signUpOverHttpAndLeave(browser, baseURL!, credentials);
      const { stranger, guesser, emailRef } = await lockOutAsStranger("app", browser, baseURL!, db, credentials.email);
      const lockEnds = await waitEndsAt(db, emailRef);
      for (let refused = 0; refused < 5; refused++) {
        expect((await postSignInForm(guesser.request, { ...credentials, password: "guess" })).status()).toBe(429);
      }
      expect(await waitEndsAt(db, emailRef)).toBe(lockEnds);

      // The lock runs out: the next attempt is checked, and a wrong one locks again at once.
      await endWait(db, emailRef);
      const afterLock = await postSignInForm(guesser.request, { ...credentials, password: "one more guess" });
      expect(afterLock.status()).toBe(200);
      expect(await secondsToWait(db, emailRef)).toBeGreaterThan(THROTTLE_POLICY.lockoutSeconds - 60);
      // That guess cost the stranger's address a failure like any other.
      // The server's log reaches the test through a pipe: wait for the line rather than read what has arrived.
      const guesses = () =>
        loggedEvents("app").filter((line) => line.event === "sign-in-failed" && line.ipAddress === stranger.ipAddress);
      await expect.poll(() => guesses().length).toBe(THROTTLE_POLICY.lockoutAfterFailures + 1);

      // Once the lock has run out, the owner's right password gets in from any browser.
      await endWait(db, emailRef);
      const newBrowser = await newIdentifiableClient(browser, baseURL!);
      expect((await postSignInForm(newBrowser.context.request, credentials)).status()).toBe(303);
      await stranger.context.close();
      await newBrowser.context.close();
    },
  );

  test(
    "An administrator clears an account's count from the command line: a browser new to the account signs in again at once.",
    { tag: ["@v5.0.0-6.3.1"] },
    async ({ browser, baseURL, credentials, db }) => {
      await signUpOverHttpAndLeave(browser, baseURL!, credentials);
      const { stranger } = await lockOutAsStranger("app", browser, baseURL!, db, credentials.email);
      const newBrowser = await newIdentifiableClient(browser, baseURL!);
      expect((await postSignInForm(newBrowser.context.request, credentials)).status()).toBe(429);

      const output = execFileSync("npm", ["run", "--silent", "admin", "--", "unlock", credentials.email], {
        env: {
          ...process.env,
          DATABASE_URL: serverDatabaseUrl("app"),
          SESSION_SECRETS: JSON.stringify({ 1: process.env.E2E_SESSION_SECRET }),
        },
        encoding: "utf8",
      });
      expect(output).toContain("the count of wrong passwords is cleared");
      expect((await postSignInForm(newBrowser.context.request, credentials)).status()).toBe(303);
      await expectSecurityActivity(newBrowser.page, (rows) => {
        expect(rows.filter((row) => row.includes(SECURITY_EVENT_KINDS["unlocked-by-admin"]))).toHaveLength(1);
      });
      await stranger.context.close();
      await newBrowser.context.close();
    },
  );

  test(
    "Every way in checks the password under the same throttle: linking a program and approving a device refuse a wrong one and wait like the confirmation form.",
    { tag: ["@v5.0.0-6.3.4", "@v5.0.0-6.3.1"] },
    async ({ page, request, credentials, db }) => {
      await signUpOverHttp(page, credentials);
      const publicId = await currentPublicId(page);
      const started = await request.post("/api/v1/device", { form: { name: "Waiting program" } });
      const program = (await started.json()) as { device_code: string; user_code: string };
      const linkProgram = (password: string) =>
        postPageForm(page.request, "/account/apps", 'name="name"', { name: "Guessing program", password });
      const approveDevice = (password: string) =>
        postPageForm(page.request, "/account/apps/approve", 'name="intent"', {
          intent: "approve",
          code: program.user_code,
          password,
        });
      const ways = [linkProgram, approveDevice];
      for (let failure = 1; failure <= THROTTLE_POLICY.lockoutAfterFailures; failure++) {
        const answer = await ways[failure % 2]!(`wrong ${failure}`);
        expect(answer, `failure ${failure}`).toEqual({ status: 200, message: "Your password is not correct." });
        if (failure < THROTTLE_POLICY.lockoutAfterFailures) await endWaitOf(db, `session:${publicId}`);
      }
      // Locked: the right password is not even checked, on either way in.
      for (const way of ways) expect((await way(credentials.password)).status).toBe(429);
      expect(await db.programLink.count({ where: { user: { email: credentials.email } } })).toBe(0);
      const poll = await request.post("/api/v1/token", {
        form: { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: program.device_code },
      });
      expect(await poll.json()).toMatchObject({ error: expect.stringMatching(/^(authorization_pending|slow_down)$/) });
    },
  );

  test(
    "One address can create only so many accounts an hour; the next is answered 429 and the form says how long to wait.",
    { tag: ["@v5.0.0-6.3.1"] },
    async ({ browser, baseURL, credentials }) => {
      const client = await newIdentifiableClient(browser, baseURL!);
      for (let account = 0; account < THROTTLE_POLICY.signUpsPerAddress; account++) {
        await client.context.clearCookies();
        await signUp(client.page, { ...credentials, email: `many-${account}-${credentials.email}` });
      }
      await client.context.clearCookies();
      await client.page.goto("/signup");
      await client.page.getByLabel("Email").fill(`one-more-${credentials.email}`);
      await client.page.getByLabel("Password", { exact: true }).fill(credentials.password);
      await client.page.getByLabel("Confirm password").fill(credentials.password);
      const posted = client.page.waitForResponse((response) => response.request().method() === "POST");
      await client.page.getByRole("button", { name: "Create account" }).click();
      expect((await posted).status()).toBe(429);
      await expect(client.page.getByRole("main").getByRole("alert")).toHaveText(describeWait(3600));
      await client.context.close();
    },
  );
});
