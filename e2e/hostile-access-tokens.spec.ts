import type { APIRequestContext, APIResponse, Browser } from "@playwright/test";
import {
  accessTokenClaims,
  attackerKey,
  hmacToken,
  hmacWithPublicKey,
  jsonSerializationWithExtraSignature,
  publicHalf,
  signEdDSA,
  unsignedToken,
  withPart,
  decodePart,
} from "@/testing/access-token-forgery";
import { respellPaddingBits } from "@/testing/base64url";
import { expect, sessionCookieValue, signUpOverHttp, test, type Credentials } from "./fixtures";
import { callMe, expectRefused, linkAndRefresh, serverSigningKey, signAsServer } from "./program-api";

// Every token here is one change away from a valid one; each test first shows that the valid one works, so
// the 401 that follows is owed to that change alone. Tokens signed "as the server" use the test servers' key.

type LiveLink = Awaited<ReturnType<typeof linkAndRefresh>>;

async function newLiveLink(browser: Browser, baseURL: string, request: APIRequestContext, credentials: Credentials) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signUpOverHttp(page, credentials);
  const link = await linkAndRefresh(page, request, credentials);
  await context.close();
  return link;
}

const test_ = test.extend<{ link: LiveLink }>({
  link: async ({ browser, baseURL, request, credentials }, use) => {
    const link = await newLiveLink(browser, baseURL!, request, credentials);
    // The control: a token made exactly as the server makes them is accepted.
    expect((await callMe(request, await signAsServer(link))).status()).toBe(200);
    await use(link);
  },
});

async function expectAllRefused(request: APIRequestContext, tokens: Record<string, string>) {
  for (const [name, token] of Object.entries(tokens)) await expectRefused(await callMe(request, token), name);
}

test_.describe("hostile access tokens", () => {
  test_(
    'A token with alg "none", in any casing, is refused.',
    { tag: ["@v5.0.0-9.1.2", "@v4.0.3-3.5.3", "@r357"] },
    async ({ request, link }) => {
      const claims = accessTokenClaims(link.userId, link.linkPublicId, link.issuer);
      await expectAllRefused(
        request,
        Object.fromEntries(
          ["none", "None", "NONE", "nOnE"].map((alg) => [
            alg,
            unsignedToken(claims, alg, { kid: serverSigningKey().kid }),
          ]),
        ),
      );
    },
  );

  test_(
    "A token signed with HS256 using the server's public key as the secret is refused.",
    { tag: ["@v5.0.0-9.1.2", "@v4.0.3-3.5.3"] },
    async ({ request, link }) => {
      const key = serverSigningKey();
      const claims = accessTokenClaims(link.userId, link.linkPublicId, link.issuer);
      const forged = hmacWithPublicKey(claims, publicHalf(key), key.kid);
      await expectAllRefused(request, Object.fromEntries(forged.map(({ form, token }) => [form, token])));
    },
  );

  test_(
    "A token that brings its own key in a jwk header is refused.",
    { tag: ["@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async ({ request, link }) => {
      const attacker = attackerKey();
      const claims = accessTokenClaims(link.userId, link.linkPublicId, link.issuer);
      await expectAllRefused(request, {
        "server's kid": await signEdDSA(claims, attacker, {
          typ: "at+jwt",
          kid: serverSigningKey().kid,
          jwk: publicHalf(attacker),
        }),
        "no kid": await signEdDSA(claims, attacker, { typ: "at+jwt", jwk: publicHalf(attacker) }),
      });
    },
  );

  test_(
    "A token whose jku, x5u or x5c header points at another key is refused.",
    { tag: ["@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async ({ request, link }) => {
      const attacker = attackerKey();
      const claims = accessTokenClaims(link.userId, link.linkPublicId, link.issuer);
      const header = { typ: "at+jwt", kid: "attacker-key" };
      await expectAllRefused(request, {
        jku: await signEdDSA(claims, attacker, { ...header, jku: "https://attacker.example/jwks.json" }),
        x5u: await signEdDSA(claims, attacker, { ...header, x5u: "https://attacker.example/cert.pem" }),
        x5c: await signEdDSA(claims, attacker, { ...header, x5c: ["MIIBattacker"] }),
        // The server's own key, but with a pointer it must not follow either.
        "jku on the server's key": await signAsServer(link, {}, { jku: `http://localhost/.well-known/jwks.json` }),
      });
    },
  );

  test_(
    "A kid that looks like a path or a query, or names no configured key, is refused.",
    { tag: ["@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async ({ request, link }) => {
      const attacker = attackerKey();
      const claims = accessTokenClaims(link.userId, link.linkPublicId, link.issuer);
      const tokens: Record<string, string> = {};
      for (const kid of [
        "../../../../dev/null",
        "/proc/self/environ",
        "' OR '1'='1",
        "x' UNION SELECT 'key",
        "unknown",
      ]) {
        tokens[`EdDSA, kid ${kid}`] = await signEdDSA(claims, attacker, { typ: "at+jwt", kid });
        tokens[`HS256 with an empty key, kid ${kid}`] = hmacToken(claims, Buffer.alloc(0), { kid });
      }
      await expectAllRefused(request, tokens);
    },
  );

  test_(
    "A token signed by another key under the server's own kid is refused.",
    { tag: ["@v5.0.0-9.1.1", "@v4.0.3-3.5.3", "@r357"] },
    async ({ request, link }) => {
      const claims = accessTokenClaims(link.userId, link.linkPublicId, link.issuer);
      await expectRefused(
        await callMe(request, await signEdDSA(claims, attackerKey(), { typ: "at+jwt", kid: serverSigningKey().kid })),
        "attacker's signature",
      );
    },
  );

  test_(
    "A valid token with its payload or header altered, or its signature stripped, is refused.",
    { tag: ["@v5.0.0-9.1.1", "@v4.0.3-3.5.3", "@r357"] },
    async ({ request, link }) => {
      const valid = await signAsServer(link);
      const payload = decodePart(valid, "payload");
      const header = decodePart(valid, "header");
      const [head, body] = valid.split(".");
      await expectAllRefused(request, {
        "another user as sub": withPart(valid, "payload", { ...payload, sub: String(link.userId + 1) }),
        // Signed by the server's own key, yet the link named by sid is not the user's named by sub.
        "a genuine signature over another user's sub": await signAsServer(link, { sub: String(link.userId + 1) }),
        "a later exp": withPart(valid, "payload", { ...payload, exp: (payload.exp as number) + 3600 }),
        "a header with another typ": withPart(valid, "header", { ...header, typ: "JWT" }),
        "a header with an extra field": withPart(valid, "header", { ...header, cty: "JWT" }),
        "empty signature": `${head}.${body}.`,
        "no signature part": `${head}.${body}`,
        "a signature of zeros": `${head}.${body}.${"A".repeat(86)}`,
        // Decoders ignore the last character's padding bits: the same signature, spelled another way.
        "the signature's last character respelled": `${head}.${body}.${respellPaddingBits(valid.split(".")[2]!)}`,
      });
    },
  );

  test_(
    "A token past its exp, beyond the small leeway, or before its nbf, is refused.",
    { tag: ["@v5.0.0-9.2.1", "@v4.0.3-3.5.3"] },
    async ({ request, link }) => {
      const now = Math.floor(Date.now() / 1000);
      await expectAllRefused(request, {
        expired: await signAsServer(link, { iat: now - 400, nbf: now - 400, exp: now - 60 }),
        "nbf in the future": await signAsServer(link, { nbf: now + 120 }),
        "issued in the future": await signAsServer(link, { iat: now + 120, nbf: now + 120, exp: now + 420 }),
        "a lifetime of a year": await signAsServer(link, { iat: now - 3600, nbf: now - 3600, exp: now + 365 * 86400 }),
        "no exp": await signAsServer(link, { exp: undefined }),
      });
    },
  );

  test_(
    "A token made for another audience is refused.",
    { tag: ["@v5.0.0-9.2.3", "@v5.0.0-9.2.4"] },
    async ({ request, link }) => {
      await expectAllRefused(request, {
        "another audience": await signAsServer(link, { aud: "another-service" }),
        "several audiences, not ours": await signAsServer(link, { aud: ["billing", "reports"] }),
        "no audience": await signAsServer(link, { aud: undefined }),
      });
    },
  );

  test_(
    "A token from another issuer is refused.",
    { tag: ["@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async ({ request, link }) => {
      await expectAllRefused(request, {
        "another issuer": await signAsServer(link, { iss: "https://attacker.example" }),
        "no issuer": await signAsServer(link, { iss: undefined }),
      });
    },
  );

  test_(
    "A token of another type (a plain JWT, an ID token, the refresh token) is refused as an access token.",
    { tag: ["@v5.0.0-9.2.2", "@v4.0.3-3.5.3"] },
    async ({ request, link }) => {
      const now = Math.floor(Date.now() / 1000);
      await expectAllRefused(request, {
        "typ JWT": await signAsServer(link, {}, { typ: "JWT" }),
        "no typ": await signAsServer(link, {}, { typ: undefined }),
        "an ID token": await signAsServer(
          link,
          { aud: "sessionproof-cli", nonce: "n-0S6_WzA2Mj", auth_time: now, email: "someone@example.test" },
          { typ: "JWT" },
        ),
        "the refresh token": link.refreshToken,
      });
    },
  );

  test_(
    "A token in JWS JSON serialization, with an attacker's signature beside the real one, is refused.",
    { tag: ["@v4.0.3-3.5.3", "@v5.0.0-9.1.1"] },
    async ({ request, link }) => {
      const json = await jsonSerializationWithExtraSignature(await signAsServer(link));
      await expectAllRefused(request, {
        "as JSON": json,
        "as base64url JSON": Buffer.from(json).toString("base64url"),
      });
    },
  );

  test_(
    "An oversized token gets the same 401, never an error.",
    { tag: ["@v5.0.0-16.5.1"] },
    async ({ request, link }) => {
      await expectAllRefused(request, {
        "a payload padded to 8 KB": await signAsServer(link, { padding: "x".repeat(8 * 1024) }),
        "40 KB of token characters": "A".repeat(40 * 1024),
        "a thousand dots": `${"a.".repeat(1000)}a`,
      });
    },
  );
});

test.describe("the programs' API", () => {
  test(
    "Accepts only a bearer access token: no static key, cookie, URL token or cookie seal works, on reads or changes.",
    { tag: ["@v5.0.0-7.2.2", "@v4.0.3-3.5.2", "@v4.0.3-3.5.1", "@r357", "@v5.0.0-16.5.1"] },
    async ({ page, request, credentials, playwright, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const cookie = await sessionCookieValue(page.context());
      const program = await linkAndRefresh(page, request, credentials);
      const cookieOnly = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { cookie: `__Host-session=${cookie}` },
      });

      for (const method of ["GET /api/v1/me", "DELETE /api/v1/link"]) {
        const [verb, path] = method.split(" ") as ["GET" | "DELETE", string];
        const send = (headers: Record<string, string>, url = path) =>
          request.fetch(url, { method: verb, headers, maxRedirects: 0 });
        const attempts: Record<string, Promise<APIResponse>> = {
          "nothing at all": send({}),
          "the session cookie": cookieOnly.fetch(path, { method: verb }),
          "the cookie seal as a bearer token": send({ Authorization: `Bearer ${cookie}` }),
          "the sealing secret as a bearer token": send({ Authorization: `Bearer ${process.env.E2E_SESSION_SECRET}` }),
          "an API key header": send({ "X-API-Key": process.env.E2E_SESSION_SECRET! }),
          "the refresh token as a bearer token": send({ Authorization: `Bearer ${program.refreshToken}` }),
          "the access token in the URL": send({}, `${path}?access_token=${program.accessToken}`),
          "the access token under Basic": send({ Authorization: `Basic ${program.accessToken}` }),
          "the access token in a cookie": send({ cookie: `access_token=${program.accessToken}` }),
        };
        for (const [name, response] of Object.entries(attempts))
          await expectRefused(await response, `${method}: ${name}`);
      }
      // A program's token is not the person: it opens none of the browser's pages or session endpoints.
      const bearer = { Authorization: `Bearer ${program.accessToken}` };
      expect((await request.get("/api/session", { headers: bearer })).status()).toBe(401);
      const accountPage = await request.get("/account/password", { headers: bearer, maxRedirects: 0 });
      expect(accountPage.headers()["location"] ?? "").toMatch(/^\/login/);
      // Nothing above ended the link: the real token still works, and the change it is allowed happens.
      expect((await callMe(request, program.accessToken)).status()).toBe(200);
      const unlink = await request.delete("/api/v1/link", {
        headers: { Authorization: `Bearer ${program.accessToken}` },
      });
      expect(unlink.status()).toBe(204);
      await expectRefused(await callMe(request, program.accessToken), "after the program unlinked itself");
      await cookieOnly.dispose();
    },
  );
});
