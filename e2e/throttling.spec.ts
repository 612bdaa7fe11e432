import type { Page } from "@playwright/test";
import { SECURITY_EVENT_KINDS } from "@/lib/security-activity";
import { THROTTLE_POLICY, waitAfterFailures } from "@/lib/session-policy";
import { describeWait } from "@/lib/throttle-message";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  expect,
  expectSecurityActivity,
  expireReauthentication,
  currentPublicId,
  loggedEvents,
  newIdentifiableClient,
  plantSessionCookie,
  sessionCookieValue,
  signIn,
  signUp,
  test,
  trySignIn,
} from "./fixtures";

const WRONG = "Incorrect email or password.";

/** The keyed reference the server logged for the email this client last failed on (its throttle key). */
async function emailRefFailedBy(ipAddress: string, event = "sign-in-failed"): Promise<string> {
  const failed = () => loggedEvents("app").filter((line) => line.event === event && line.ipAddress === ipAddress);
  await expect.poll(() => failed().length).toBeGreaterThan(0);
  return failed().at(-1)!.emailRef as string;
}

/** Seconds left of the wait in force for an account, read from the throttle's own table. */
async function secondsToWait(db: PrismaClient, emailRef: string): Promise<number> {
  const row = await db.rateLimiterFlexible.findUnique({ where: { key: `wait:account:${emailRef}` } });
  const left = row?.expire ? row.expire.getTime() - Date.now() : 0;
  return Math.max(0, Math.ceil(left / 1000));
}

/** Moves an account's wait into the past, as if the client had waited it out. */
async function endWait(db: PrismaClient, emailRef: string) {
  await db.rateLimiterFlexible.updateMany({
    where: { key: `wait:account:${emailRef}` },
    data: { expire: new Date(Date.now() - 1000) },
  });
}

/** A scripted sign-in post, as a password-guessing program sends it: answered before any password check. */
async function postSignIn(page: Page, baseURL: string, email: string) {
  return page.request.post("/login", {
    form: { email, password: "scripted guess" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
}

async function expectRefusedWithWait(response: Awaited<ReturnType<typeof postSignIn>>, atMostSeconds: number) {
  expect(response.status()).toBe(429);
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(atMostSeconds - 60);
  expect(retryAfter).toBeLessThanOrEqual(atMostSeconds);
  expect(await response.text()).toBe(describeWait(retryAfter));
}

test.describe("throttling password checks", () => {
  test("Wrong passwords make each next sign-in to the account wait longer, then lock it; an email without an account gets the same answers.", async ({
    browser,
    baseURL,
    page,
    credentials,
    db,
  }) => {
    await signUp(page, credentials);
    const answers: Record<string, string[]> = {};
    for (const email of [credentials.email, `nobody-${credentials.email}`]) {
      const guesser = await newIdentifiableClient(browser, baseURL!);
      const seen: string[] = [];
      const waits: number[] = [];
      let emailRef = "";
      for (let failure = 1; failure <= THROTTLE_POLICY.lockoutAfterFailures; failure++) {
        seen.push(await trySignIn(guesser.page, email, `wrong guess ${failure}`));
        emailRef ||= await emailRefFailedBy(guesser.ipAddress);
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
  });

  test("Wrong passwords from one address across many accounts block that address for an hour; other addresses still sign in.", async ({
    browser,
    baseURL,
    page,
    credentials,
  }) => {
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
  });

  test("A stolen session cannot guess the password on the confirmation form any faster than a stranger.", async ({
    browser,
    baseURL,
    page,
    credentials,
    db,
  }) => {
    await signUp(page, credentials);
    await expireReauthentication(db, await currentPublicId(page));
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
      if (guess < THROTTLE_POLICY.lockoutAfterFailures) await endWait(db, failures()[0]!.emailRef as string);
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
  });

  test("One address can create only so many accounts an hour; the next is answered 429 and the form says how long to wait.", async ({
    browser,
    baseURL,
    credentials,
  }) => {
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
  });
});
