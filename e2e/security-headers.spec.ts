import { AUTHENTICATED_PAGES, PUBLIC_PAGES } from "./authenticated-pages";
import { currentPublicId, expect, grantAdmin, signUp, test } from "./fixtures";

// Every violation of the Content-Security-Policy on a page, as the browser reports it to the page itself.
const RECORD_VIOLATIONS = () => {
  const seen: string[] = [];
  (window as unknown as { cspViolations: string[] }).cspViolations = seen;
  document.addEventListener("securitypolicyviolation", (event) =>
    seen.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
};

test.describe("security headers", () => {
  test("Every page works under a nonce-based Content-Security-Policy and the browser reports no violation.", async ({
    page,
    credentials,
  }) => {
    await page.addInitScript(RECORD_VIOLATIONS);
    const consoleComplaints: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) consoleComplaints.push(message.text());
    });
    const visit = async (path: string) => {
      const response = await page.goto(path);
      const policy = response!.headers()["content-security-policy"]!;
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      // The page's scripts carry this response's nonce; nothing inline runs without it.
      const scripts = page.locator("script");
      await expect.poll(() => scripts.count(), { message: path }).toBeGreaterThan(0);
      for (const script of await scripts.all()) {
        expect(await script.evaluate((element: HTMLScriptElement) => element.nonce), path).toBe(nonce);
      }
      // Hydrated: the client-side router is running, so every script it needed was allowed to load.
      await expect.poll(() => page.evaluate(() => "next" in window), { message: path }).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual(
        [],
      );
    };

    for (const path of PUBLIC_PAGES) await visit(path);
    await signUp(page, credentials);
    grantAdmin("app", credentials.email);
    for (const path of [...AUTHENTICATED_PAGES, `/account/sessions/${await currentPublicId(page)}`, "/admin"]) {
      await visit(path);
    }
    expect(consoleComplaints).toEqual([]);
  });

  test("The policy allows no inline script and no framing, a new nonce comes with every response, and the fixed headers are set.", async ({
    request,
  }) => {
    const first = await request.get("/login");
    const second = await request.get("/login");
    const policy = first.headers()["content-security-policy"]!;
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(second.headers()["content-security-policy"]).not.toBe(policy);

    const headers = first.headers();
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // The test servers' public origin is plain http on localhost, where HSTS would be refused anyway.
    expect(headers["strict-transport-security"]).toBeUndefined();
  });
});
