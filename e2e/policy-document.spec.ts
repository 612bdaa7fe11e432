import { readFileSync } from "node:fs";
import { SESSION_POLICY_DEFAULTS } from "@/lib/session/session-policy";
import { renderPolicyTable, renderThrottleTable } from "@/scripts/session-policy-table";
import { PUBLIC_PAGES } from "./authenticated-pages";
import { expect, rawSetCookies, signUpOverHttp, test } from "./fixtures";

const policyDocument = () => readFileSync("docs/session-policy.md", "utf8");

test.describe("the documented session policy", () => {
  test("States the timeouts with their NIST reasoning and the concurrency rule, and the running server enforces exactly those values.", async ({
    page,
    credentials,
  }) => {
    const document = policyDocument();
    expect(document).toContain(renderPolicyTable());
    expect(document).toContain(renderThrottleTable());
    expect(document).toContain("NIST SP 800-63B");
    expect(document).toMatch(/## Concurrent sessions[\s\S]*least recently used[\s\S]*one database transaction/);

    // The main test server runs with the default timeouts.
    await signUpOverHttp(page, credentials);
    const { session } = await (await page.request.get("/api/session")).json();
    const created = Date.parse(session.createdAt);
    expect(Date.parse(session.absoluteExpiresAt) - created).toBe(SESSION_POLICY_DEFAULTS.absoluteTimeoutSeconds * 1000);
    expect(Date.parse(session.idleExpiresAt) - created).toBeGreaterThanOrEqual(
      SESSION_POLICY_DEFAULTS.idleTimeoutSeconds * 1000,
    );
    expect(Date.parse(session.idleExpiresAt) - Date.now()).toBeLessThanOrEqual(
      SESSION_POLICY_DEFAULTS.idleTimeoutSeconds * 1000,
    );
  });

  test("Records that no federation or single sign-on is involved, so there is nothing to keep in step.", async () => {
    const federation = policyDocument().split("## Federation")[1] ?? "";
    expect(federation).toMatch(/Does not apply/);
    expect(federation).toMatch(/no single sign-on and no federated identity provider/);
  });

  test("Explains that the __Host- prefix replaces path scoping with host isolation.", async () => {
    const document = policyDocument();
    expect(document).toMatch(/\*\*Path scoping\.\*\*[\s\S]*`__Host-` prefix requires\s+`Path=\/`[\s\S]*host isolation/);
  });

  test(
    "A session only ever starts when a person submits the sign-up or sign-in form: browsing creates none.",
    { tag: ["@v5.0.0-7.6.2"] },
    async ({ browser, baseURL, db }) => {
      // A user agent of its own tells this browser's sessions apart from those of tests running alongside.
      const userAgent = `browsing-only/${Date.now()}`;
      const context = await browser.newContext({ baseURL, userAgent });
      const page = await context.newPage();
      const setCookies: string[] = [];
      page.on("response", async (response) => setCookies.push(...(await rawSetCookies(response))));
      for (const path of [...PUBLIC_PAGES, "/account", "/api/session", "/api/session/status"]) await page.goto(path);
      // Every response seen has been read before the verdict, and none is read after the page closes.
      await page.removeAllListeners("response", { behavior: "wait" });
      expect(setCookies).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(await db.session.count({ where: { userAgent } })).toBe(0);
      await context.close();
    },
  );
});
