import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";

// What an attacker (or a test playing one) can make: tokens signed with the wrong key, the wrong
// algorithm, no signature, or the server's real key with claims the server must still refuse.

type Header = Record<string, unknown>;

/** The issuer a unit test's server names (a deployment's is its public origin; e2e reads it from a real token). */
export const ISSUER = "http://localhost:3000";
export const AUDIENCE = "sessionproof-api";
export const CLIENT_ID = "sessionproof-program";

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Claims exactly like the server's own: each hostile variant changes one thing from these. */
export function accessTokenClaims(userId: number, linkPublicId: string, issuer: string = ISSUER) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    aud: AUDIENCE,
    sub: String(userId),
    client_id: CLIENT_ID,
    sid: linkPublicId,
    iat: now,
    nbf: now,
    exp: now + 300,
    jti: `test-${now}-${Math.random().toString(36).slice(2)}`,
  };
}

/** Signs with an Ed25519 private JWK (the server's, when the test holds it; an attacker's otherwise). */
export async function signEdDSA(payload: JWTPayload, privateJwk: JsonWebKey, header: Header) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "EdDSA", ...header })
    .sign(createPrivateKey({ key: privateJwk, format: "jwk" }));
}

/** A fresh key pair nobody configured. */
export function attackerKey(): JsonWebKey {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
}

export function publicHalf(privateJwk: JsonWebKey): JsonWebKey {
  return createPublicKey(createPrivateKey({ key: privateJwk, format: "jwk" })).export({ format: "jwk" });
}

/** `alg: none`: a header and payload with an empty signature. */
export function unsignedToken(payload: object, alg: string, header: Header = {}) {
  return `${encode({ alg, typ: "at+jwt", ...header })}.${encode(payload)}.`;
}

/** An HS256 token keyed with whatever secret the forger guesses the verifier will use. */
export function hmacToken(payload: object, secret: Buffer, header: Header = {}) {
  const signingInput = `${encode({ alg: "HS256", typ: "at+jwt", ...header })}.${encode(payload)}`;
  return `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
}

/** Algorithm confusion: HS256 keyed with the server's public key, in each form a confused verifier might use. */
export function hmacWithPublicKey(payload: object, publicJwk: JsonWebKey, kid: string) {
  const publicKey = createPublicKey({ key: publicJwk, format: "jwk" });
  const secrets = {
    "the raw public key": Buffer.from(publicJwk.x!, "base64url"),
    "the x parameter as text": Buffer.from(publicJwk.x!),
    "the PEM": Buffer.from(publicKey.export({ format: "pem", type: "spki" }) as string),
    "the JWK as JSON": Buffer.from(JSON.stringify(publicJwk)),
  };
  return Object.entries(secrets).map(([form, secret]) => ({ form, token: hmacToken(payload, secret, { kid }) }));
}

/** A valid token with one part swapped for the given JSON, its signature kept. */
export function withPart(token: string, part: "header" | "payload", value: object) {
  const [header, payload, signature] = token.split(".");
  return part === "header" ? `${encode(value)}.${payload}.${signature}` : `${header}.${encode(value)}.${signature}`;
}

export function decodePart(token: string, part: "header" | "payload"): Record<string, unknown> {
  const segment = token.split(".")[part === "header" ? 0 : 1]!;
  return JSON.parse(Buffer.from(segment, "base64url").toString());
}

/**
 * The JWS JSON serialization of a valid token, with a second signature by an attacker's key over an
 * attacker's header: a verifier that accepts "any one signature that checks out" is fooled by it.
 */
export async function jsonSerializationWithExtraSignature(validToken: string) {
  const [protectedHeader, payload, signature] = validToken.split(".");
  const forged = (await signEdDSA(decodePart(validToken, "payload"), attackerKey(), { typ: "at+jwt", kid: "x" })).split(
    ".",
  );
  return JSON.stringify({
    payload,
    signatures: [
      { protected: forged[0], signature: forged[2] },
      { protected: protectedHeader, signature },
    ],
  });
}
