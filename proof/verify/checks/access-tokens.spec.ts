import type { JsonWebKey } from "node:crypto";
import { linkProgram } from "@/e2e/program-api";
import {
  accessTokenClaims,
  attackerKey,
  hmacWithPublicKey,
  publicHalf,
  signEdDSA,
  unsignedToken,
  withPart,
  decodePart,
} from "@/testing/access-token-forgery";
import { expect, isSignedInWith, sessionCookieIn, test } from "@/proof/verify/checks";
import { send, type Target } from "@/proof/verify/target";

// Programs' access tokens, from outside: the server's published keys, one real token as the control, and what an
// attacker can make from what the deployment publishes.

const PRIVATE_KEY_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k"];

/** A program trading its refresh token for a new pair; the answer as it came. */
const postRefresh = (target: Target, refreshToken: string) =>
  send(target, "/api/v1/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
  });

/** Trades a refresh token for a new pair, as a program does after its owner linked it. */
async function grantTokens(target: Target, refreshToken: string) {
  const granted = await postRefresh(target, refreshToken);
  expect(granted.status, "the token endpoint grants the linked program a token").toBe(200);
  const body = JSON.parse(granted.text) as { access_token: string; refresh_token: string };
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

const grantAccessToken = async (target: Target, refreshToken: string) =>
  (await grantTokens(target, refreshToken)).accessToken;

const callMe = (target: Target, accessToken: string) =>
  send(target, "/api/v1/me", { headers: { authorization: `Bearer ${accessToken}` } });

test(
  "The published key set holds public keys only, and the API accepts a token the server signed but nothing forged from what it publishes: no alg none, no HMAC keyed with the public key, no other signer, no changed claims.",
  { tag: ["@v5.0.0-9.1.1", "@v5.0.0-9.1.2", "@v5.0.0-9.1.3", "@v4.0.3-3.5.3", "@r357"] },
  async ({ ownerPage: page, account, target, fetchFromTarget }) => {
    const keySet = JSON.parse((await fetchFromTarget("/.well-known/jwks.json")).text) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    expect(keySet.keys.length).toBeGreaterThan(0);
    for (const key of keySet.keys) {
      for (const member of PRIVATE_KEY_MEMBERS)
        expect(key, `${key.kid} publishes no ${member}`).not.toHaveProperty(member);
    }

    const refreshToken = await linkProgram(page, account, "npm run verify");
    const real = await grantAccessToken(target, refreshToken);
    expect((await callMe(target, real)).status, "the server's own token").toBe(200);

    const { kid } = decodePart(real, "header") as { kid: string };
    const published = keySet.keys.find((key) => key.kid === kid)!;
    const claims = { ...decodePart(real, "payload"), jti: `verify-${Date.now()}` } as ReturnType<
      typeof accessTokenClaims
    >;
    const attacker = attackerKey();
    const forged: Record<string, string> = {
      ...Object.fromEntries(["none", "None", "NONE"].map((alg) => [`alg ${alg}`, unsignedToken(claims, alg, { kid })])),
      ...Object.fromEntries(
        hmacWithPublicKey(claims, published, kid).map(({ form, token }) => [`HS256 keyed with ${form}`, token]),
      ),
      "another signer under the server's kid": await signEdDSA(claims, attacker, { typ: "at+jwt", kid }),
      "another signer's key in the header": await signEdDSA(claims, attacker, {
        typ: "at+jwt",
        kid,
        jwk: publicHalf(attacker),
      }),
      "another signer's key set by address": await signEdDSA(claims, attacker, {
        typ: "at+jwt",
        kid: "x",
        jku: "https://attacker.invalid/jwks.json",
      }),
      "the real signature over a longer life": withPart(real, "payload", { ...claims, exp: claims.exp + 86_400 }),
      "the real signature over another user": withPart(real, "payload", {
        ...claims,
        sub: String(Number(claims.sub) + 1),
      }),
      "the real signature, another algorithm named": withPart(real, "header", { alg: "HS256", typ: "at+jwt", kid }),
    };
    for (const [kind, token] of Object.entries(forged)) {
      const answer = await callMe(target, token);
      expect(answer.status, kind).toBe(401);
      expect(String(answer.headers["www-authenticate"]), kind).toMatch(/^Bearer /);
    }
  },
);

test(
  "Each token works only for its purpose: the session cookie opens no API call, and an access token is no session cookie.",
  { tag: ["@v5.0.0-9.2.2"] },
  async ({ ownerPage: page, account, target, fetchFromTarget }) => {
    // Linking asks for the password again, which rotates the session: its cookie is read after that.
    const refreshToken = await linkProgram(page, account, "verify: one token, one purpose");
    const cookie = (await sessionCookieIn(page.context())).value;
    const me = await fetchFromTarget("/api/v1/me", { headers: { authorization: `Bearer ${cookie}` } });
    expect(me.status, "the session cookie as a bearer token").toBe(401);
    const accessToken = await grantAccessToken(target, refreshToken);
    expect(await isSignedInWith(target, accessToken), "an access token as the session cookie").toBe(false);
    expect(await isSignedInWith(target, refreshToken), "a refresh token as the session cookie").toBe(false);
    expect(await isSignedInWith(target, cookie), "the cookie itself, as the control").toBe(true);
  },
);

test(
  "The owner ends a program's link on the sessions page, and its access and refresh tokens stop working at once.",
  { tag: ["@v4.0.3-3.5.1"] },
  async ({ ownerPage: page, account, target }) => {
    const name = "verify: a program to unlink";
    const program = await grantTokens(target, await linkProgram(page, account, name));
    expect((await callMe(target, program.accessToken)).status, "the access token before the link ends").toBe(200);

    await page.goto("/account/sessions");
    await page
      .getByRole("row", { name: new RegExp(name) })
      .getByRole("button", { name: `End the link of ${name}` })
      .click();
    await expect(page.getByRole("status")).toContainText("The link has been ended");

    expect((await callMe(target, program.accessToken)).status, "the access token after the link ended").toBe(401);
    expect((await postRefresh(target, program.refreshToken)).status, "the refresh token").toBeGreaterThanOrEqual(400);
  },
);

test("A standard OAuth client finds everything from the deployment's address: the metadata names it as the issuer, the endpoints under it, and a refused refresh token is 400 invalid_grant.", async ({
  target,
  fetchFromTarget,
}) => {
  const metadata = await fetchFromTarget("/.well-known/oauth-authorization-server");
  expect(metadata.status).toBe(200);
  const issuer = new URL(target.url).origin;
  expect(JSON.parse(metadata.text), "a PUBLIC_ORIGIN other than the address people use would show here").toMatchObject({
    issuer,
    token_endpoint: `${issuer}/api/v1/token`,
    device_authorization_endpoint: `${issuer}/api/v1/device`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
  });
  const refused = await postRefresh(target, "a-refresh-token-never-issued");
  expect(refused.status).toBe(400);
  expect(refused.headers["www-authenticate"]).toBeUndefined();
  expect(JSON.parse(refused.text)).toMatchObject({ error: "invalid_grant" });
});
