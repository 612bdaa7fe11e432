import type { APIRequestContext, Browser } from "@playwright/test";
import { THROTTLE_POLICY } from "@/lib/sign-in/throttle-policy";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expect, loggedEvents, newIdentifiableClient, postSignInForm } from "./fixtures";
import type { TestServerName } from "./test-servers";

// Reading and ending the throttle's waits from its own table (lib/sign-in/throttle.ts), so that tests need not
// wait out two minutes of growing waits to reach a lock.

/** The keyed reference a server logged for the email this client last failed on (its throttle key). */
export async function emailRefFailedBy(
  serverName: TestServerName,
  ipAddress: string,
  event = "sign-in-failed",
): Promise<string> {
  const failed = () => loggedEvents(serverName).filter((line) => line.event === event && line.ipAddress === ipAddress);
  await expect.poll(() => failed().length).toBeGreaterThan(0);
  return failed().at(-1)!.emailRef as string;
}

/** When the wait in force for an account ends (epoch milliseconds, 0 for none). */
export async function waitEndsAt(db: PrismaClient, emailRef: string): Promise<number> {
  const row = await db.throttleCount.findUnique({ where: { key: `wait:account:${emailRef}` } });
  return Number(row?.expire ?? 0);
}

/** Seconds left of the wait in force for an account. */
export async function secondsToWait(db: PrismaClient, emailRef: string): Promise<number> {
  return Math.max(0, Math.ceil(((await waitEndsAt(db, emailRef)) - Date.now()) / 1000));
}

/** Moves an account's wait into the past, as if the client had waited it out. */
export async function endWait(db: PrismaClient, emailRef: string) {
  await endWaitOf(db, `account:${emailRef}`);
}

/** The same for any subject the throttle counts: `account:…`, `session:…`. */
export async function endWaitOf(db: PrismaClient, subject: string) {
  await db.throttleCount.updateMany({
    where: { key: `wait:${subject}` },
    data: { expire: BigInt(Date.now() - 1000) },
  });
}

/**
 * Wrong passwords posted as a guessing program posts them, until the account is locked for browsers it does not
 * know; each wait on the way is ended by hand. Returns the email's throttle reference.
 */
async function lockOutOverHttp(
  serverName: TestServerName,
  guesser: { request: APIRequestContext; ipAddress: string },
  db: PrismaClient,
  email: string,
) {
  let emailRef = "";
  for (let failure = 1; failure <= THROTTLE_POLICY.lockoutAfterFailures; failure++) {
    const answer = await postSignInForm(guesser.request, { email, password: `wrong guess ${failure}` });
    expect(answer.status(), `guess ${failure} is checked`).toBe(200);
    emailRef ||= await emailRefFailedBy(serverName, guesser.ipAddress);
    if (failure < THROTTLE_POLICY.lockoutAfterFailures) await endWait(db, emailRef);
  }
  expect(await secondsToWait(db, emailRef)).toBeGreaterThan(THROTTLE_POLICY.lockoutSeconds - 60);
  return emailRef;
}

/**
 * A stranger, in a browser of its own, locks the account out for browsers it does not know. Returns the
 * stranger (to close, or to guess on) and the email's throttle reference.
 */
export async function lockOutAsStranger(
  serverName: TestServerName,
  browser: Browser,
  baseURL: string,
  db: PrismaClient,
  email: string,
) {
  const stranger = await newIdentifiableClient(browser, baseURL);
  const guesser = { request: stranger.context.request, ipAddress: stranger.ipAddress };
  return { stranger, guesser, emailRef: await lockOutOverHttp(serverName, guesser, db, email) };
}
