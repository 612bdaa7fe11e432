import { setTimeout as sleep } from "node:timers/promises";
import type { Browser } from "@playwright/test";
import { SESSION_COOKIE, signIn } from "@/e2e/fixtures";
import {
  expect,
  isSignedInWith,
  ownersBrowser,
  revokeButtonFor,
  sessionCookieIn,
  signInAnotherBrowser,
  test,
  type Account,
} from "@/proof/verify/checks";
import { send, type Target } from "@/proof/verify/target";

// The deployment's own timeouts, waited out when they fit within --max-wait: the session's status says when it
// ends, and asking it is not activity.

type Status = { status: string; serverTime: string; idleExpiresAt: string; absoluteExpiresAt: string };

/** How long until the session's idle and absolute ends, by the server's clock, in milliseconds. */
async function timeLeft(target: Target, cookie: string) {
  const answer = await send(target, "/api/session/status", { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
  const status = JSON.parse(answer.text) as Status;
  expect(status.status).toBe("active");
  const now = Date.parse(status.serverTime);
  return { idle: Date.parse(status.idleExpiresAt) - now, absolute: Date.parse(status.absoluteExpiresAt) - now };
}

const askSession = (target: Target, cookie: string) =>
  send(target, "/api/session", { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });

/** A new session in the owner's browser, and how long until its limits by the server's clock. */
async function signInAndReadTimeLeft(browser: Browser, account: Account, target: Target) {
  const context = await ownersBrowser(browser, account);
  await signIn(await context.newPage(), account);
  const cookie = (await sessionCookieIn(context)).value;
  return { context, cookie, ...(await timeLeft(target, cookie)), boundMs: (target.maxWaitSeconds ?? 0) * 1000 };
}

// A second past the instant, for the clocks of this machine and the server and for the request on its way.
const MARGIN_MS = 1_500;

test(
  "A session left alone ends at its idle limit: the next request after it is refused.",
  { tag: ["@v5.0.0-7.3.1", "@v3.0.1-3.3", "@v4.0.3-3.3.2"] },
  async ({ browser, account, target }) => {
    const { context, cookie, idle, boundMs: bound } = await signInAndReadTimeLeft(browser, account, target);
    test.skip(
      idle + MARGIN_MS > bound,
      `the idle limit is ${Math.round(idle / 1000)} s away; --max-wait allows ${bound / 1000} s`,
    );
    test.setTimeout(idle + MARGIN_MS + 60_000);
    await sleep(idle + MARGIN_MS);
    expect((await askSession(target, cookie)).status).toBe(401);
    await context.close();
  },
);

test(
  "A session kept busy still ends at its absolute limit: the next request after it is refused.",
  { tag: ["@v5.0.0-7.3.2", "@v3.0.1-3.4", "@v4.0.3-3.3.2"] },
  async ({ browser, account, target }) => {
    const attempts = 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const { context, cookie, idle, absolute, boundMs: bound } = await signInAndReadTimeLeft(browser, account, target);
      test.skip(
        absolute + MARGIN_MS > bound,
        `the absolute limit is ${Math.round(absolute / 1000)} s away; --max-wait allows ${bound / 1000} s`,
      );
      test.setTimeout(attempts * (absolute + MARGIN_MS + 30_000));
      const outcome = await keepBusyPastAbsoluteEnd(target, cookie, idle, absolute);
      await context.close();
      if (outcome === "stalled") continue;
      expect(outcome, "refused only once the absolute limit had passed").toBe("ended-after-absolute-limit");
      return;
    }
    throw new Error(`This machine stalled longer than the idle limit in each of ${attempts} attempts.`);
  },
);

/**
 * Asks about the session well within every idle period until its absolute limit has passed. A refusal before
 * that fails the check, unless this machine stalled for an idle period between two requests: then the session
 * may have ended of idleness, which proves nothing either way.
 */
async function keepBusyPastAbsoluteEnd(target: Target, cookie: string, idle: number, absolute: number) {
  const end = Date.now() + absolute + MARGIN_MS;
  let previousSentAt = Date.now();
  while (Date.now() < end) {
    const sentAt = Date.now();
    const answer = await askSession(target, cookie);
    if (answer.status !== 200 && Date.now() < end - 2 * MARGIN_MS) {
      // The server saw the two requests no further apart than this.
      return Date.now() - previousSentAt >= idle - MARGIN_MS ? "stalled" : "refused-before-absolute-limit";
    }
    previousSentAt = sentAt;
    await sleep(Math.min(idle / 4, Math.max(0, end - Date.now())));
  }
  return (await askSession(target, cookie)).status === 401
    ? "ended-after-absolute-limit"
    : "alive-after-absolute-limit";
}

test(
  "A page loaded while the password confirmation was fresh cannot end a session after the confirmation window has passed: the server asks for the password first and ends nothing.",
  { tag: ["@v5.0.0-7.5.3", "@v4.0.3-3.7.1", "@v3.0.1-2.26"] },
  async ({ browser, account, ownerPage: page, target }) => {
    const bound = (target.maxWaitSeconds ?? 0) * 1000;
    test.skip(bound === 0, "the confirmation window cannot be waited out: --max-wait is 0");
    test.setTimeout(bound + 60_000);
    const other = await signInAnotherBrowser(browser, account);

    // Signing in confirmed the password: the sessions page offers its buttons without asking.
    await page.goto("/account/sessions");
    const revoke = revokeButtonFor(page, other.publicId);
    await expect(revoke).toBeVisible();

    // A second tab of the same browser watches for the window to close; its visits keep the session active.
    const watcher = await page.context().newPage();
    const end = Date.now() + bound;
    let closed = false;
    while (!closed && Date.now() < end) {
      await watcher.goto("/account/sessions");
      closed = await watcher.getByRole("button", { name: "Confirm password" }).isVisible();
      if (!closed) await sleep(1_000);
    }
    test.skip(!closed, `the confirmation window outlasts --max-wait (${bound / 1000} s)`);

    await revoke.click();
    await expect(page).toHaveURL(/\/account\/sessions\?notice=confirm-first$/);
    expect(await isSignedInWith(target, other.cookie), "the session the stale page tried to end").toBe(true);
    await Promise.all([watcher.close(), other.context.close()]);
  },
);
