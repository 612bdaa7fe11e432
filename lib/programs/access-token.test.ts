import { describe, expect, it } from "vitest";
import {
  accessTokenClaims,
  attackerKey,
  hmacWithPublicKey,
  jsonSerializationWithExtraSignature,
  publicHalf,
  signEdDSA,
  unsignedToken,
  withPart,
  ISSUER,
} from "@/testing/access-token-forgery";
import { respellPaddingBits } from "@/testing/base64url";
import { ACCESS_TOKEN_TYPE, issueAccessToken, verifyAccessToken } from "@/lib/programs/access-token";
import { generateSigningKey, readSigningKeys } from "@/lib/programs/signing-keys";

const serverKey = generateSigningKey();
const keys = readSigningKeys({
  API_SIGNING_KEYS: JSON.stringify({ keys: [serverKey] }),
} as unknown as NodeJS.ProcessEnv);
const link = { userId: 7, linkPublicId: "link-public-id", clientId: "my-cli" };
const asServer = (claims: object, header: object = {}) =>
  signEdDSA({ ...accessTokenClaims(7, "link-public-id"), ...claims }, serverKey, {
    kid: serverKey.kid,
    typ: ACCESS_TOKEN_TYPE,
    ...header,
  });

describe("access tokens", () => {
  it("carry every claim, a kid and the at+jwt type, and verify", async () => {
    const { token, expiresInSeconds } = await issueAccessToken(link, ISSUER, keys);
    expect(expiresInSeconds).toBeLessThanOrEqual(300);
    const [header, payload] = token
      .split(".")
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part!, "base64url").toString()));
    expect(header).toEqual({ alg: "EdDSA", kid: serverKey.kid, typ: "at+jwt" });
    expect(Object.keys(payload).sort()).toEqual(["aud", "client_id", "exp", "iat", "iss", "jti", "nbf", "sid", "sub"]);
    expect(payload).toMatchObject({ iss: ISSUER, client_id: "my-cli" });
    expect(payload.exp - payload.iat).toBe(expiresInSeconds);
    expect(await verifyAccessToken(token, ISSUER, keys)).toMatchObject({ userId: 7, linkPublicId: "link-public-id" });
  });

  it("accept a token the test signs as the server would (the control for every refusal below)", async () => {
    expect(await verifyAccessToken(await asServer({}), ISSUER, keys)).not.toBeNull();
  });

  it("refuse every hostile variant without throwing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await asServer({});
    const attacker = attackerKey();
    const variants: Record<string, string> = {
      "alg none": unsignedToken(accessTokenClaims(7, "link-public-id"), "none"),
      "alg NONE": unsignedToken(accessTokenClaims(7, "link-public-id"), "NONE"),
      "embedded jwk": await signEdDSA(accessTokenClaims(7, "x"), attacker, {
        typ: "at+jwt",
        kid: serverKey.kid,
        jwk: publicHalf(attacker),
      }),
      "jku elsewhere": await signEdDSA(accessTokenClaims(7, "x"), attacker, {
        typ: "at+jwt",
        kid: "k",
        jku: "https://attacker.example/jwks.json",
      }),
      "kid traversal": await signEdDSA(accessTokenClaims(7, "x"), attacker, {
        typ: "at+jwt",
        kid: "../../../dev/null",
      }),
      "unknown key": await signEdDSA(accessTokenClaims(7, "x"), attacker, { typ: "at+jwt", kid: "attacker" }),
      "tampered payload": withPart(valid, "payload", { ...accessTokenClaims(8, "link-public-id") }),
      "stripped signature": valid.split(".").slice(0, 2).join(".") + ".",
      // The same bytes, spelled another way: one token, one spelling.
      "signature respelled": `${valid.split(".").slice(0, 2).join(".")}.${respellPaddingBits(valid.split(".")[2]!)}`,
      expired: await asServer({ iat: now - 400, nbf: now - 400, exp: now - 60 }),
      "nbf in the future": await asServer({ nbf: now + 120 }),
      "wrong audience": await asServer({ aud: "another-service" }),
      "wrong issuer": await asServer({ iss: "https://attacker.example" }),
      "wrong type": await asServer({}, { typ: "JWT" }),
      "missing jti": await asServer({ jti: undefined }),
      "missing client_id": await asServer({ client_id: undefined }),
      // Another deployment signing with the same key names another issuer.
      "another deployment's issuer": await asServer({ iss: "https://other.example" }),
      "JSON serialization": await jsonSerializationWithExtraSignature(valid),
      oversized: await asServer({ padding: "x".repeat(4000) }),
      ...Object.fromEntries(
        hmacWithPublicKey(accessTokenClaims(7, "x"), publicHalf(serverKey), serverKey.kid).map(({ form, token }) => [
          `HS256 keyed with ${form}`,
          token,
        ]),
      ),
    };
    for (const [name, token] of Object.entries(variants)) {
      expect(await verifyAccessToken(token, ISSUER, keys), name).toBeNull();
    }
  });

  it("stop verifying once their key is retired, and keep verifying while it overlaps", async () => {
    const newer = generateSigningKey();
    const { token } = await issueAccessToken(link, ISSUER, keys);
    const overlap = readSigningKeys({ API_SIGNING_KEYS: JSON.stringify({ keys: [newer, serverKey] }) } as never);
    const retired = readSigningKeys({ API_SIGNING_KEYS: JSON.stringify({ keys: [newer] }) } as never);
    expect(await verifyAccessToken(token, ISSUER, overlap)).not.toBeNull();
    expect(await verifyAccessToken(token, ISSUER, retired)).toBeNull();
  });
});
