import { randomBytes } from "node:crypto";
import { SESSION_COOKIE } from "@/e2e/fixtures";
import { FOREIGN_ORIGINS, readAllForms } from "@/e2e/forms";
import { expect, isSignedInWith, sessionCookieIn, test } from "@/proof/verify/checks";
import type { Exchange } from "@/proof/verify/target";

// What any program can send: no browser, so nothing a browser would add or refuse to send.

const YEAR_SECONDS = 365 * 24 * 3600;

/** Paths where a second application would typically be mounted beside this one on the same hostname. */
const OTHER_APPLICATION_PATHS = [
  "/app",
  "/admin",
  "/api",
  "/blog",
  "/static",
  "/wp-admin",
  "/phpmyadmin",
  "/grafana",
  "/other",
];

/** A page of this application: it names itself in its generator tag (app/layout.tsx). */
const isThisApplication = (answer: Exchange) =>
  answer.status < 500 && /<meta name="generator" content="Sessionproof[^"]*"/.test(answer.text);

/** Follows redirects that stay on the target (at most three), as a browser would, to the page they end at. */
async function followWithinOrigin(fetchFromTarget: (path: string) => Promise<Exchange>, origin: string, path: string) {
  let landed = await fetchFromTarget(path);
  const setCookies = [...landed.setCookies];
  for (let hops = 0; hops < 3 && [301, 302, 303, 307, 308].includes(landed.status); hops++) {
    const next = new URL(String(landed.headers.location), origin);
    if (next.origin !== origin) break;
    landed = await fetchFromTarget(`${next.pathname}${next.search}`);
    setCookies.push(...landed.setCookies);
  }
  return { landed, setCookies };
}

/** A form as a browser without JavaScript posts it, for a program that is not one. */
async function multipart(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const encoded = new Request("https://encoder.invalid/", { method: "POST", body: form });
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
}

test(
  "Another site cannot use the owner's cookie: every form of the signed-in pages and every sign-out route refuse a post with a foreign Origin, Origin null or none, and the session lives on.",
  { tag: ["@v5.0.0-3.5.1", "@v5.0.0-3.5.2", "@v4.0.3-4.2.2", "@v3.0.1-4.13", "@v4.0.3-13.2.3", "@v3.0.1-18.7"] },
  async ({ ownerPage: page, target, fetchFromTarget }) => {
    const cookie = `${SESSION_COOKIE}=${(await sessionCookieIn(page.context())).value}`;
    const posts: { path: string; fields: Record<string, string> }[] = [];
    for (const path of [
      "/account/sessions",
      "/account/password",
      "/account/email",
      "/account/delete",
      "/account/apps",
    ]) {
      const html = (await fetchFromTarget(path, { headers: { cookie } })).text;
      for (const fields of readAllForms(html)) posts.push({ path, fields });
    }
    expect(posts.length, "the signed-in pages have forms").toBeGreaterThan(3);
    for (const path of ["/auth/sign-out", "/auth/sign-out-everywhere", "/auth/delete-account"])
      posts.push({ path, fields: {} });

    for (const { path, fields } of posts) {
      const { body, contentType } = await multipart(fields);
      for (const origin of FOREIGN_ORIGINS) {
        const answer = await fetchFromTarget(path, {
          method: "POST",
          headers: { cookie, "content-type": contentType, ...origin },
          body,
        });
        expect(answer.status, `POST ${path} with ${JSON.stringify(origin)}`).toBe(403);
      }
    }
    expect(await isSignedInWith(target, cookie.slice(SESSION_COOKIE.length + 1))).toBe(true);
  },
);

test(
  "Ending a session takes an unsafe method: a GET of the sign-out routes ends nothing.",
  { tag: ["@v5.0.0-3.5.3"] },
  async ({ ownerPage: page, target, fetchFromTarget }) => {
    const value = (await sessionCookieIn(page.context())).value;
    for (const path of ["/auth/sign-out", "/auth/sign-out-everywhere", "/auth/delete-account"]) {
      const answer = await fetchFromTarget(path, { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
      expect(answer.status, `GET ${path}`).not.toBe(200);
      expect(answer.status, `GET ${path}`).toBeLessThan(500);
    }
    expect(await isSignedInWith(target, value)).toBe(true);
  },
);

test(
  "Methods the app does not use, TRACE among them, are refused with 405.",
  { tag: ["@v5.0.0-4.1.4"] },
  async ({ fetchFromTarget }) => {
    for (const method of ["TRACE", "TRACK", "PROPFIND", "FOO"]) {
      const answer = await fetchFromTarget("/login", { method }).catch((error: Error) => error);
      // The deployment's proxy may refuse a method it does not know before the app sees it (400, 501, or a
      // closed connection): that refuses it too.
      if (answer instanceof Error) continue;
      expect([400, 405, 501], `${method}: ${answer.status}`).toContain(answer.status);
    }
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect((await fetchFromTarget("/api/session", { method })).status, `${method} /api/session`).toBe(405);
    }
  },
);

/** One answer of every kind: a page, JSON, the key set, not found, a refused method, a path the proxy may refuse. */
async function everyKindOfAnswer(fetchFromTarget: (path: string, options?: { method?: string }) => Promise<Exchange>) {
  return {
    page: await fetchFromTarget("/login"),
    "JSON from a route handler": await fetchFromTarget("/api/session"),
    "key set": await fetchFromTarget("/.well-known/jwks.json"),
    "not found": await fetchFromTarget(`/no-such-page-${randomBytes(4).toString("hex")}`),
    "a refused method": await fetchFromTarget("/login", { method: "DELETE" }),
    "a malformed path": await fetchFromTarget("/%zz"),
  } satisfies Record<string, Exchange>;
}

test(
  "Every kind of answer, the proxy's own included, carries Strict-Transport-Security for at least a year with subdomains.",
  { tag: ["@v5.0.0-3.4.1"] },
  async ({ fetchFromTarget, target }) => {
    test.skip(
      new URL(target.url).protocol !== "https:",
      "plain http on localhost: HSTS means something only over HTTPS",
    );
    for (const [kind, { headers }] of Object.entries(await everyKindOfAnswer(fetchFromTarget))) {
      const hsts = String(headers["strict-transport-security"] ?? "");
      const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0);
      expect(maxAge, `${kind}: HSTS max-age`).toBeGreaterThanOrEqual(YEAR_SECONDS);
      expect(hsts, `${kind}: HSTS`).toMatch(/includeSubDomains/i);
    }
  },
);

test(
  "Every kind of answer says nosniff, a same-origin referrer and opener policy and forbids framing; pages carry a nonce-based CSP that changes every time.",
  { tag: ["@v5.0.0-3.4.3", "@v5.0.0-3.4.4", "@v5.0.0-3.4.5", "@v5.0.0-3.4.6", "@v5.0.0-3.4.8"] },
  async ({ fetchFromTarget }) => {
    const answers = await everyKindOfAnswer(fetchFromTarget);
    const policy = String(answers.page.headers["content-security-policy"]);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(policy).toContain(directive);
    }
    expect(policy).toMatch(/script-src[^;]*'nonce-[^']+'/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect((await fetchFromTarget("/login")).headers["content-security-policy"]).not.toBe(policy);
    for (const [kind, { headers }] of Object.entries(answers)) {
      expect(headers["x-content-type-options"], kind).toBe("nosniff");
      expect(headers["referrer-policy"], kind).toMatch(
        /^(same-origin|strict-origin|no-referrer|strict-origin-when-cross-origin)$/,
      );
      expect(String(headers["content-security-policy"]), kind).toContain("frame-ancestors 'none'");
      expect(headers["cross-origin-opener-policy"], kind).toBe("same-origin");
    }
  },
);

test(
  "Signed-in answers tell browsers and caches not to store them.",
  { tag: ["@v5.0.0-14.3.2", "@v4.0.3-8.2.1"] },
  async ({ ownerPage: page, fetchFromTarget }) => {
    const cookie = `${SESSION_COOKIE}=${(await sessionCookieIn(page.context())).value}`;
    for (const path of ["/account", "/account/sessions", "/api/session"]) {
      const answer = await fetchFromTarget(path, { headers: { cookie } });
      expect(answer.status, path).toBe(200);
      expect(String(answer.headers["cache-control"]), path).toMatch(/no-store/);
    }
  },
);

test(
  "The hostname serves this application alone: every path, including where another application would be mounted, is answered by it, and no cookie is shared with other hosts.",
  { tag: ["@v5.0.0-3.5.4"] },
  async ({ fetchFromTarget, target }) => {
    for (const path of [...OTHER_APPLICATION_PATHS, `/${randomBytes(4).toString("hex")}`]) {
      for (const address of [path, `${path}/`, `${path}/index.html`]) {
        const { landed, setCookies } = await followWithinOrigin(fetchFromTarget, target.url, address);
        expect(isThisApplication(landed), `${address} is answered by this application (${landed.status})`).toBe(true);
        for (const line of setCookies) expect(line, address).not.toMatch(/;\s*domain=/i);
      }
    }
  },
);

test("Malformed paths, headers and bodies get a clear refusal, never a server error.", async ({ fetchFromTarget }) => {
  const hostile: [string, Parameters<typeof fetchFromTarget>[1]?][] = [
    ["/%zz"],
    ["/%00"],
    ["/login?next=%E0%A4%A"],
    ["/api/v1/token", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }],
    [
      "/api/v1/token",
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=nonsense" },
    ],
    ["/api/v1/me", { headers: { authorization: "Bearer " + "A".repeat(5000) } }],
    [
      "/login",
      { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "--x\r\nbroken" },
    ],
  ];
  for (const [path, options] of hostile) {
    const answer = await fetchFromTarget(path, options);
    expect(answer.status, `${options?.method ?? "GET"} ${path}`).toBeLessThan(500);
    expect(answer.text, path).not.toMatch(/at \w+ \(|node_modules/);
  }
});
