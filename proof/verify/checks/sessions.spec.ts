import { randomBytes } from "node:crypto";
import { SESSION_COOKIE, signIn } from "@/e2e/fixtures";
import { tamperWithSeal } from "@/testing/seal-tampering";
import {
  GIVEN_ACCOUNT,
  confirmPasswordIfAsked,
  expect,
  isSignedInWith,
  ownersBrowser,
  sessionCookieIn,
  test,
  revokeButtonFor,
  signInAnotherBrowser,
} from "@/proof/verify/checks";

test(
  "The owner sees the account's sessions and ends another one after confirming the password; that browser is refused at once.",
  { tag: ["@v5.0.0-7.5.2", "@v4.0.3-3.3.4", "@v3.0.1-3.17"] },
  async ({ browser, account, ownerPage: page, target }) => {
    const other = await signInAnotherBrowser(browser, account);

    await page.goto("/account/sessions");
    await confirmPasswordIfAsked(page, account.password);
    const revoke = revokeButtonFor(page, other.publicId);
    await revoke.click();
    await expect(revoke).toHaveCount(0);
    expect(await isSignedInWith(target, other.cookie)).toBe(false);
    await other.context.close();
  },
);

test(
  "A made-up, tampered, oversized or stale session cookie is an anonymous visitor: refused, never an error.",
  { tag: ["@v5.0.0-7.2.1", "@v3.0.1-3.10"] },
  async ({ ownerPage: page, target, fetchFromTarget }) => {
    const valid = (await sessionCookieIn(page.context())).value;
    const forged = {
      ...tamperWithSeal(valid),
      "random bytes": randomBytes(48).toString("base64url"),
      "a seal of the right shape from nowhere": `Fe26.2*1*${"A".repeat(43)}*${"B".repeat(22)}*${"C".repeat(43)}*${Date.now() + 3_600_000}*${"D".repeat(43)}*${"E".repeat(43)}~2`,
      "four kilobytes": "x".repeat(4000),
      "control characters": "%00%0d%0a",
    };
    for (const [kind, value] of Object.entries(forged)) {
      const answer = await fetchFromTarget("/api/session", { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
      expect(answer.status, kind).toBe(401);
      const page = await fetchFromTarget("/account", { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
      expect(page.status, `${kind}: a signed-in page sends the visitor to sign in`).toBeLessThan(500);
      expect(page.text, kind).not.toMatch(/at \w+ \(|node_modules|Error:/);
    }
    // The valid one, as a control: the refusals above are the server's judgment, not a broken request.
    expect(await isSignedInWith(target, valid)).toBe(true);
  },
);

// Enough for the default limit and then some, while a run stays short.
const MOST_SIGN_INS = 20;

test(
  "An account holds no more sessions than the limit its sessions page states: each sign-in beyond it ends the least recently used one.",
  { tag: ["@v3.0.1-3.16"] },
  async ({ browser, account, ownerPage: page, target }) => {
    test.skip(GIVEN_ACCOUNT, "it would end the given account's own sessions beyond the limit.");
    await page.goto("/account/sessions");
    const statement = await page.getByText(/may have at most \d+ sessions at once/).textContent();
    const limit = Number(/at most (\d+)/.exec(statement ?? "")?.[1]);
    expect(limit, "the limit the page states").toBeGreaterThan(0);
    test.skip(limit + 1 > MOST_SIGN_INS, `the stated limit, ${limit}, needs more than ${MOST_SIGN_INS} sign-ins`);

    // Every session the account had was last used before these sign-ins, so one past the limit ends them all and
    // the first of the new ones.
    const cookies: string[] = [];
    for (let signIns = 0; signIns <= limit; signIns++) {
      const context = await ownersBrowser(browser, account);
      await signIn(await context.newPage(), account);
      cookies.push((await sessionCookieIn(context)).value);
      await context.close();
    }
    const [first, ...rest] = cookies;
    expect(await isSignedInWith(target, first!), "the least recently used of the new sessions").toBe(false);
    for (const cookie of rest) expect(await isSignedInWith(target, cookie), "a session within the limit").toBe(true);
    await page.goto("/account");
    await expect(page, "the owner's page, used before them all").toHaveURL(/\/login\?reason=evicted$/);
  },
);

test(
  "Only the session cookie signs anyone in: the same value in an Authorization, X-API-Key or X-Session header, or in the address, opens nothing.",
  { tag: ["@v5.0.0-7.2.2", "@v4.0.3-3.5.2", "@v3.0.1-18.6"] },
  async ({ ownerPage: page, target, fetchFromTarget }) => {
    const valid = (await sessionCookieIn(page.context())).value;
    for (const [name, value] of [
      ["authorization", `Bearer ${valid}`],
      ["x-api-key", valid],
      ["x-session", valid],
    ]) {
      const answer = await fetchFromTarget("/api/session", { headers: { [name!]: value! } });
      expect(answer.status, name).toBe(401);
    }
    for (const query of [`session=${encodeURIComponent(valid)}`, `${SESSION_COOKIE}=${encodeURIComponent(valid)}`]) {
      expect((await fetchFromTarget(`/api/session?${query}`)).status, query).toBe(401);
      expect((await fetchFromTarget(`/account?${query}`)).status, query).not.toBe(200);
    }
    // The cookie itself, as the control: the refusals above are about where it was put.
    expect(await isSignedInWith(target, valid)).toBe(true);
  },
);
