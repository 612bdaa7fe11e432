import { randomBytes } from "node:crypto";
import { REFUSAL_POLICY } from "@/lib/platform/response-headers.mjs";
import { AUTHENTICATED_PAGES, PUBLIC_PAGES } from "./authenticated-pages";
import { currentPublicId, expect, grantAdmin, loggedEvents, signUp, test } from "./fixtures";

// Every violation of the Content-Security-Policy on a page, as the browser reports it to the page itself.
const RECORD_VIOLATIONS = () => {
  const seen: string[] = [];
  (window as unknown as { cspViolations: string[] }).cspViolations = seen;
  document.addEventListener("securitypolicyviolation", (event) =>
    seen.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
};

test.describe("security headers", () => {
  test(
    "Every page works under a nonce-based Content-Security-Policy and the browser reports no violation.",
    { tag: ["@v5.0.0-3.4.3"] },
    async ({ page, credentials }) => {
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
        expect(
          await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
          path,
        ).toEqual([]);
      };

      for (const path of PUBLIC_PAGES) await visit(path);
      await signUp(page, credentials);
      grantAdmin("app", credentials.email);
      for (const path of [...AUTHENTICATED_PAGES, `/account/sessions/${await currentPublicId(page)}`, "/admin"]) {
        await visit(path);
      }
      expect(consoleComplaints).toEqual([]);
    },
  );

  test(
    "The policy allows no inline script and no framing, a new nonce comes with every response, and every kind of response carries the fixed headers.",
    { tag: ["@v5.0.0-3.4.3", "@v5.0.0-3.4.4", "@v5.0.0-3.4.5", "@v5.0.0-3.4.6", "@v5.0.0-3.4.8"] },
    async ({ request }) => {
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
      expect(policy).toMatch(/script-src[^;]*'nonce-[^']+'/);
      expect(policy).not.toContain("unsafe-inline");
      expect(policy).not.toContain("unsafe-eval");
      expect(second.headers()["content-security-policy"]).not.toBe(policy);

      // Pages, route handlers, the not-found page, and the answers server.mjs gives before Next.js sees a request.
      const responses = {
        page: first,
        "JSON from a route handler": await request.get("/api/session"),
        "key set": await request.get("/.well-known/jwks.json"),
        "not found": await request.get("/no-such-page"),
        "method refused by server.mjs": await request.fetch("/login", { method: "TRACE" }),
        "malformed path refused by server.mjs": await request.get("/%zz"),
      };
      for (const [kind, response] of Object.entries(responses)) {
        const headers = response.headers();
        expect(headers["x-content-type-options"], kind).toBe("nosniff");
        expect(headers["referrer-policy"], kind).toBe("same-origin");
        expect(headers["content-security-policy"], kind).toContain("frame-ancestors 'none'");
        expect(headers["x-frame-options"], kind).toBe("DENY");
        expect(headers["cross-origin-opener-policy"], kind).toBe("same-origin");
        expect(headers["cross-origin-resource-policy"], kind).toBe("same-origin");
        expect(headers["permissions-policy"], kind).toContain("camera=()");
        // The test servers' public origin is plain http on localhost, where HSTS would be refused anyway; a
        // server with an https origin sends it (e2e/direct-clients.spec.ts).
        expect(headers["strict-transport-security"], kind).toBeUndefined();
      }
      // The read-only JSON routes skip the proxy (decision 027): no nonce, a policy that allows nothing.
      for (const kind of ["JSON from a route handler", "key set"] as const) {
        expect(responses[kind].headers()["content-security-policy"], kind).toBe(REFUSAL_POLICY);
      }
    },
  );

  test(
    "A script the policy blocks is reported to the app, which logs the rule and the page's path, never its query.",
    { tag: ["@v5.0.0-3.4.7"] },
    async ({ page }) => {
      const path = `/no-such-page-${randomBytes(4).toString("hex")}`;
      await page.goto(`${path}?private=query`);
      const policy = (await page.request.get(path)).headers()["content-security-policy"]!;
      expect(policy).toContain("report-uri /api/csp-report");
      // Markup injected into the page with a script in an event handler, the classic cross-site scripting
      // payload: the handler carries no nonce, so the browser refuses to run it and reports the refusal.
      const blocked = page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            document.addEventListener("securitypolicyviolation", (event) => resolve(event.effectiveDirective));
            document.body.insertAdjacentHTML(
              "beforeend",
              '<img src="/no-such-image.png" onerror="window.injected = true">',
            );
          }),
      );
      expect(await blocked).toBe("script-src-attr");
      expect(await page.evaluate(() => "injected" in window)).toBe(false);
      const reported = () =>
        loggedEvents("app").filter((line) => line.event === "policy-violation-reported" && line.path === path);
      await expect.poll(() => reported().length).toBe(1);
      expect(reported()[0]!.reason).toBe("script-src-attr blocked inline");
      expect(JSON.stringify(reported())).not.toContain("private");
    },
  );
});
