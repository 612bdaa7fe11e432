import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import { KNOWN_BROWSER_COOKIE, SESSION_COOKIE, signIn, signUp, type Credentials } from "@/e2e/fixtures";
import { ExchangeLog, attachScreenshot, recordBrowserExchanges } from "@/e2e/evidence";
import { readTarget } from "./run-for-checks";
import { observeExchanges, send, type Exchange, type Target } from "./target";

// What every outside check shares: the target, a program's way of sending it requests, and one account made for
// the run (or given in the environment where sign-up is closed), deleted at the end if the run made it.

export { expect };

export const GIVEN_ACCOUNT = Boolean(process.env.VERIFY_EMAIL && process.env.VERIFY_PASSWORD);

export type Account = Credentials & {
  /** The cookie that makes a browser known to the account: its owner's browser, which guessing cannot lock out. */
  knownBrowser: Cookie | undefined;
};

type WorkerFixtures = { target: Target; account: Account };
type TestFixtures = {
  /** One request from a program, not a browser: no cookie jar, redirects not followed. */
  fetchFromTarget: (path: string, options?: Parameters<typeof send>[2]) => Promise<Exchange>;
  /** A browser of the account's owner, signed in with a session of its own (a recent password confirmation). */
  ownerPage: Page;
  /** Keeps what the browser shows now, every form field masked, as evidence in the report. */
  keepScreenshot: (page: Page, label: string) => Promise<void>;
  /** Keeps every exchange the check makes through `send`, redacted, as evidence in the report. */
  exchangeLog: ExchangeLog;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  target: [async ({}, use) => use(readTarget()), { scope: "worker" }],
  account: [
    async ({ browser }, use) => {
      if (GIVEN_ACCOUNT) {
        await use({
          email: process.env.VERIFY_EMAIL!,
          password: process.env.VERIFY_PASSWORD!,
          knownBrowser: undefined,
        });
        return;
      }
      const made = await createAccount(browser);
      await use(made);
      // A check may have changed the password: the account object holds the current one.
      await deleteAccount(await ownersBrowser(browser, made), made);
    },
    { scope: "worker" },
  ],
  exchangeLog: [
    async ({ account }, use, testInfo) => {
      const log = new ExchangeLog([account.password]);
      observeExchanges((method, path, headers, answer) => log.record(method, path, headers, answer));
      await use(log);
      observeExchanges(null);
      await log.attachTo(testInfo);
    },
    { auto: true },
  ],
  fetchFromTarget: async ({ target }, use) => use((path, options) => send(target, path, options)),
  keepScreenshot: async ({}, use, testInfo) => use((page, label) => attachScreenshot(page, testInfo, label)),
  ownerPage: async ({ browser, account, keepScreenshot, exchangeLog }, use) => {
    const context = await ownersBrowser(browser, account);
    const page = await context.newPage();
    recordBrowserExchanges(page, exchangeLog);
    await signIn(page, account);
    await use(page);
    await keepScreenshot(page, "where the check left the owner's browser");
    await context.close();
  },
});

/** A new browser context that the account knows (when the run made the account), not yet signed in. */
export async function ownersBrowser(browser: Browser, account: Account): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: readTarget().url });
  if (account.knownBrowser) await context.addCookies([account.knownBrowser]);
  return context;
}

/** Another browser of the owner, signed in: its context, its session cookie and its session's public id. */
export async function signInAnotherBrowser(browser: Browser, account: Account) {
  const context = await ownersBrowser(browser, account);
  const page = await context.newPage();
  await signIn(page, account);
  const cookie = (await sessionCookieIn(context)).value;
  await page.goto("/api/session");
  const { session } = JSON.parse((await page.locator("body").textContent()) ?? "{}") as {
    session: { publicId: string };
  };
  return { context, cookie, publicId: session.publicId };
}

/** The sessions page's button that ends the session with this public id. */
export function revokeButtonFor(page: Page, publicId: string) {
  return page.getByRole("button", { name: new RegExp(`^Revoke .*, session ${publicId.slice(0, 8)}$`) });
}

/** The session cookie's value in a browser, failing the check when there is none. */
export async function sessionCookieIn(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies()).find(({ name }) => name === SESSION_COOKIE);
  if (!cookie) throw new Error("The browser holds no session cookie.");
  return cookie;
}

/** Whether a program presenting this session cookie is signed in: true, false, or the unexpected status. */
export async function isSignedInWith(target: Target, cookieValue: string) {
  const answer = await send(target, "/api/session", { headers: { cookie: `${SESSION_COOKIE}=${cookieValue}` } });
  if (answer.status !== 200 && answer.status !== 401) throw new Error(`GET /api/session answered ${answer.status}.`);
  return answer.status === 200;
}

/** Signs up a throwaway account (a reserved domain: no mail reaches anyone) and keeps its owner's browser cookie. */
export async function createAccount(browser: Browser): Promise<Account> {
  const id = randomBytes(6).toString("hex");
  const credentials = {
    email: `verify-${id}@example.invalid`,
    password: `verify-${randomBytes(12).toString("base64url")}`,
  };
  const context = await browser.newContext({ baseURL: readTarget().url });
  const page = await context.newPage();
  await signUp(page, credentials);
  await signIn(page, credentials);
  const knownBrowser = (await context.cookies()).find((cookie) => cookie.name === KNOWN_BROWSER_COOKIE);
  await context.close();
  return { ...credentials, knownBrowser };
}

/** Signs in the way the owner would and deletes the account, which ends every session it has. */
export async function deleteAccount(context: BrowserContext, account: Account) {
  const page = await context.newPage();
  await signIn(page, account);
  await page.goto("/account/delete");
  await confirmPasswordIfAsked(page, account.password);
  await page.getByRole("checkbox", { name: /all of its sessions will be deleted/ }).check();
  await page.getByRole("button", { name: "Delete account" }).click();
  await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);
  await context.close();
}

/** Confirms the password where the page asks for it; a recent sign-in needs no confirmation. */
export async function confirmPasswordIfAsked(page: Page, password: string) {
  const confirm = page.getByRole("button", { name: "Confirm password" });
  if (!(await confirm.isVisible())) return;
  await page.getByLabel("Password", { exact: true }).fill(password);
  await confirm.click();
  await expect(confirm).toHaveCount(0);
}
