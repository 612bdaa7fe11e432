import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  test as base,
  expect,
  request,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { sealData } from "iron-session";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabaseClient } from "@/lib/platform/database-client";
import {
  MAIL_SINK_DIRECTORY,
  serverBaseUrl,
  serverDatabase,
  serverDatabaseUrl,
  serverLogFile,
  type TestServerName,
} from "./test-servers";
import { ExchangeLog, attachScreenshot, recordBrowserExchanges, recordingExchanges } from "./evidence";
import { readHiddenFormFields } from "./forms";

export { expect };

export const SESSION_COOKIE = "__Host-session";
/** Which accounts this browser has signed in to before (lib/sign-in/known-browsers.ts); it opens no session. */
export const KNOWN_BROWSER_COOKIE = "__Host-known-browser";

/** The names of the cookies a browser holds; after a sign-out, only the known-browser cookie. */
export async function cookieNames(context: BrowserContext) {
  return (await context.cookies()).map((cookie) => cookie.name);
}
export type Credentials = { email: string; password: string };

type TestFixtures = {
  /** A fresh, never-registered identity for this test. */
  credentials: Credentials;
  /** Sends a request carrying only the given session cookie, from a jar shared with nothing. */
  replay: (cookieValue: string, path?: string) => Promise<APIResponse>;
  /** What the test sent and received, in order, through `request`, `page` and `replay`: evidence for the report. */
  exchangeLog: ExchangeLog;
};
type WorkerFixtures = {
  serverName: TestServerName;
  /** The test server's own database, to read session rows and check what the server stored. */
  db: PrismaClient;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // Each spec picks its server with `test.use({ serverName })`; "app", the default policy, unless it says so.
  serverName: ["app", { option: true, scope: "worker" }],
  // Every test is a client of its own (the servers trust one proxy, which the tests play): the throttle counts
  // per client address, and tests running side by side must not share one.
  extraHTTPHeaders: async ({}, use) => use({ "X-Forwarded-For": newClientAddress() }),
  baseURL: async ({ serverName }, use) => use(serverBaseUrl(serverName)),
  // Evidence for the report: what the test sent and received (redacted) and, when it used a browser, a
  // screenshot of where it left it (form fields masked).
  exchangeLog: async ({ credentials }, use, testInfo) => {
    const log = new ExchangeLog([credentials.password]);
    await use(log);
    await log.attachTo(testInfo);
  },
  request: async ({ request, exchangeLog }, use) => use(recordingExchanges(request, exchangeLog)),
  page: async ({ page, exchangeLog }, use, testInfo) => {
    recordBrowserExchanges(page, exchangeLog);
    // Calls a test makes through the browser's own request context (with its cookies) are evidence too. Playwright
    // hands the page a copy of the context's, so both are replaced.
    const recorded = recordingExchanges(page.context().request, exchangeLog);
    Object.assign(page.context(), { request: recorded });
    Object.assign(page, { request: recorded });
    await use(page);
    await attachScreenshot(page, testInfo, "where the test left the browser");
  },
  db: [
    async ({ serverName }, use) => {
      const db = createDatabaseClient({ target: serverDatabase(serverName), poolSize: 2 });
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  credentials: async ({}, use) => {
    const id = randomBytes(6).toString("hex");
    await use({ email: `user-${id}@example.test`, password: `pass-${randomBytes(9).toString("base64url")}` });
  },
  replay: async ({ baseURL, exchangeLog }, use) => {
    const contexts: Awaited<ReturnType<typeof request.newContext>>[] = [];
    await use(async (cookieValue, path = "/api/session") => {
      const context = await request.newContext({ baseURL, maxRedirects: 0 });
      contexts.push(context);
      const headers = { cookie: `${SESSION_COOKIE}=${cookieValue}` };
      return recordingExchanges(context, exchangeLog).get(path, { headers });
    });
    await Promise.all(contexts.map((context) => context.dispose()));
  },
});

export async function signUp(page: Page, { email, password }: Credentials) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/**
 * Signs up as a browser without JavaScript would: the form's post goes over the page's own connection (its
 * cookie jar and client address), then the page opens the account. For tests about what comes after signing
 * up; the sign-up form itself is tested in the browser (signUp).
 */
export async function signUpOverHttp(page: Page, { email, password }: Credentials) {
  const { request } = page.context();
  const form = await request.get("/signup");
  const response = await request.post("/signup", {
    multipart: { ...readHiddenFormFields(await form.text()), email, password, confirmPassword: password },
    headers: { Origin: new URL(form.url()).origin },
    maxRedirects: 0,
  });
  expect(response.status(), "signing up redirects to the account").toBe(303);
  await page.goto("/account");
}

/**
 * Posts the sign-in form as a browser without JavaScript would, over the given client's own connection (its
 * cookies, address and user agent), and returns the answer: 303 signed in, 200 the form again with its message,
 * 429 a wait in force.
 */
export async function postSignInForm(request: APIRequestContext, { email, password }: Credentials) {
  const form = await request.get("/login");
  return request.post("/login", {
    multipart: { ...readHiddenFormFields(await form.text()), email, password },
    headers: { Origin: new URL(form.url()).origin },
    maxRedirects: 0,
  });
}

export async function signIn(page: Page, { email, password }: Credentials) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A sign-in past the per-user session limit adds a notice to the address.
  await expect(page).toHaveURL(/\/account(\?notice=sessions-limit)?$/);
}

/** Submits the sign-in form, staying on the page between refusals, and returns the message it shows. */
export async function trySignIn(page: Page, email: string, password: string): Promise<string> {
  if (new URL(page.url(), "http://localhost").pathname !== "/login") await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  // The form empties once the answer is shown; the message alone could still be the previous one.
  await expect(page.getByLabel("Password")).toHaveValue("");
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toBeVisible();
  return ((await alert.textContent()) ?? "").trim();
}

export async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
}

export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

export async function sessionCookieValue(context: BrowserContext): Promise<string> {
  const cookie = await sessionCookie(context);
  if (!cookie) throw new Error("the browser holds no session cookie");
  return cookie.value;
}

/** Sets a session cookie from script on one of the app's pages, as an injected script or a shared computer could. */
export async function plantSessionCookie(page: Page, value: string) {
  await page.goto("/");
  await page.evaluate(
    (cookie) => (document.cookie = cookie),
    `${SESSION_COOKIE}=${value}; Path=/; Secure; SameSite=Lax`,
  );
  // The page's cookie reaches the browser's cookie store a moment later.
  await expect.poll(async () => (await sessionCookie(page.context()))?.value).toBe(value);
}

/** The session this browser is signed in on, as the server reports it. */
export async function currentPublicId(page: Page): Promise<string> {
  const response = await page.request.get("/api/session");
  expect(response.status()).toBe(200);
  return (await response.json()).session.publicId;
}

/** A cookie sealed with the servers' real secret (or another), as an attacker who had it could make. */
export function forgeSeal(payload: object, secret = process.env.E2E_SESSION_SECRET!, { ttlSeconds = 3600 } = {}) {
  return sealData(payload, { password: { 1: secret }, ttl: ttlSeconds });
}

/** Each Set-Cookie header of a response, kept separate. */
export async function rawSetCookies(response: APIResponse | import("@playwright/test").Response) {
  return (await response.headersArray()).filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
}

/** Another browser, with its own cookie jar and user agent, signed in as the same person. */
export async function signInOnAnotherDevice(
  browser: Browser,
  baseURL: string,
  credentials: Credentials,
  userAgent?: string,
) {
  const context = await browser.newContext({ baseURL, userAgent });
  const page = await context.newPage();
  await signIn(page, credentials);
  return { context, page, cookie: await sessionCookieValue(context), publicId: await currentPublicId(page) };
}

/** Moves the last password confirmation of a session into the past, as if the window had run out. */
export async function expireReauthentication(db: PrismaClient, publicId: string) {
  await db.session.update({ where: { publicId }, data: { authenticatedAt: new Date(Date.now() - 24 * 3600 * 1000) } });
}

/** Grants the admin role through the real command line tool, against the database of the named server. */
export function grantAdmin(serverName: string, email: string) {
  const output = execFileSync("npm", ["run", "--silent", "admin", "--", "grant", email], {
    env: { ...process.env, DATABASE_URL: serverDatabaseUrl(serverName) },
    encoding: "utf8",
  });
  expect(output).toContain("now an administrator");
}

export const USER_AGENTS = {
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
};

/**
 * A browser of its own with an address and user agent no other test uses, so that the events the server
 * logs about this client can be told apart from those of tests running alongside. The address travels in
 * X-Forwarded-For, which the test servers take from one trusted proxy.
 */
export async function newIdentifiableClient(browser: Browser, baseURL: string) {
  const ipAddress = newClientAddress();
  const userAgent = `sessionproof-e2e/${randomBytes(4).toString("hex")}`;
  const context = await browser.newContext({ baseURL, userAgent, extraHTTPHeaders: { "X-Forwarded-For": ipAddress } });
  return { context, page: await context.newPage(), ipAddress, userAgent };
}

/** An address from the documentation range, in a /64 of its own (the throttle counts IPv6 clients by /64). */
export function newClientAddress() {
  const id = randomBytes(4).toString("hex");
  return `2001:db8:${id.slice(0, 4)}:${id.slice(4)}::1`;
}

/**
 * Reads the security activity page until `check` accepts its rows (one string per row, cells separated by
 * tabs): events about failed checks are recorded just after the answer goes out.
 */
export async function expectSecurityActivity(page: Page, check: (rows: string[]) => void) {
  await expect(async () => {
    await page.goto("/account/activity");
    check(await page.getByRole("table").getByRole("row").allInnerTexts());
  }).toPass();
}

export type SentMail = { to: string[]; subject: string; text: string };

/** The messages the test mail server (e2e/smtp-sink.mts) has received for one address so far, oldest first. */
export function mailSentTo(address: string): SentMail[] {
  if (!existsSync(MAIL_SINK_DIRECTORY)) return [];
  return readdirSync(MAIL_SINK_DIRECTORY)
    .filter((file) => file.endsWith(".json"))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((file) => JSON.parse(readFileSync(path.join(MAIL_SINK_DIRECTORY, file), "utf8")) as SentMail)
    .filter((mail) => mail.to.includes(address.toLowerCase()));
}

export type LoggedEvent = { kind?: string; event?: string; [field: string]: unknown };

/** The structured lines a test server has logged so far. */
export function loggedEvents(serverName: TestServerName): LoggedEvent[] {
  return readFileSync(serverLogFile(serverName), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LoggedEvent];
      } catch {
        return [];
      }
    });
}

/** Resolves once the clock has passed `instant` (epoch milliseconds): waiting for a deadline, not a duration. */
export async function waitUntilPast(instant: number) {
  await expect
    .poll(() => Date.now(), { timeout: Math.max(5_000, instant - Date.now() + 10_000) })
    .toBeGreaterThan(instant);
}

/**
 * Uses a session without pause until its deadline has passed. Every request the server answered before the
 * deadline must have been accepted, whatever the machine's speed; the first one sent after it is returned.
 */
export async function keepActiveUntil(
  replay: (cookie: string) => Promise<APIResponse>,
  cookie: string,
  deadline: number,
) {
  for (;;) {
    const sentAt = Date.now();
    const response = await replay(cookie);
    if (sentAt > deadline) return response;
    if (Date.now() < deadline) expect(response.status(), "a request answered before the deadline").toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 250)); // pacing, not waiting for anything
  }
}

/** Submits the password change form; `skipBrowserChecks` lets the server see what the form itself would stop. */
/** Changes the password on its page; the other sessions end, as the form suggests, unless `keepOtherSessions`. */
export async function changePassword(
  page: Page,
  current: string,
  next: string,
  { skipBrowserChecks = false, keepOtherSessions = false } = {},
) {
  await page.goto("/account/password");
  // The form's own checks stop a too-short password before it is sent; the server must refuse it too.
  if (skipBrowserChecks)
    await page
      .getByRole("main")
      .locator("form")
      .evaluate((form) => ((form as HTMLFormElement).noValidate = true));
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  if (keepOtherSessions) await page.getByRole("checkbox", { name: /Sign out my other sessions/ }).uncheck();
  await page.getByRole("button", { name: "Change password" }).click();
}

/**
 * Loads a page with a freshly confirmed password, then lets the confirmation expire behind the page's back:
 * whatever the page shows, the server action pressed next must check the window itself.
 */
export async function loadThenExpireConfirmation(page: Page, db: PrismaClient, path: string) {
  const publicId = await currentPublicId(page);
  await db.session.update({ where: { publicId }, data: { authenticatedAt: new Date() } });
  await page.goto(path);
  await expireReauthentication(db, publicId);
}
