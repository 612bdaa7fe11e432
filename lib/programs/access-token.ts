import { randomBytes } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT, type JWTHeaderParameters } from "jose";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import { getSigningKeys, type SigningKeys } from "@/lib/programs/signing-keys";

// The only module that makes or reads access tokens (docs/decisions/013-signed-access-tokens-for-programs.md).

export const ACCESS_TOKEN_ISSUER = "sessionproof";
/** Named in every token, so a token made for another service that trusts the same key is refused here. */
export const ACCESS_TOKEN_AUDIENCE = "sessionproof-api";
export const ACCESS_TOKEN_TYPE = "at+jwt";
const ALGORITHM = "EdDSA";

// Three base64url parts: the compact form. Anything else (the JSON form, an empty signature) is refused.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
// Header parameters that point at a key (jwk, jku, x5u, x5c...) or change how the token is read (crit,
// b64, zip) are never honoured; a token that carries one is refused outright.
const ALLOWED_HEADER_PARAMETERS = new Set(["alg", "kid", "typ"]);
const REQUIRED_CLAIMS = ["iss", "aud", "sub", "sid", "iat", "nbf", "exp", "jti"];

export type AccessTokenClaims = { userId: number; linkPublicId: string; tokenId: string; expiresAt: Date };

/** A signed access token for one program link, valid for a few minutes. */
export async function issueAccessToken(
  { userId, linkPublicId }: { userId: number; linkPublicId: string },
  keys: SigningKeys = getSigningKeys(),
): Promise<{ token: string; expiresInSeconds: number }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresInSeconds = PROGRAM_TOKEN_POLICY.accessTokenSeconds;
  const token = await new SignJWT({ sid: linkPublicId })
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.signing.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(String(userId))
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + expiresInSeconds)
    .setJti(randomBytes(16).toString("base64url"))
    .sign(keys.signing.privateKey);
  return { token, expiresInSeconds };
}

/**
 * The claims of a genuine, current access token meant for this API, or null for anything else. Only
 * the signature proves who made it; whether its link is still live is the caller's next question.
 */
export async function verifyAccessToken(
  token: string,
  keys: SigningKeys = getSigningKeys(),
): Promise<AccessTokenClaims | null> {
  if (token.length > PROGRAM_TOKEN_POLICY.maxAccessTokenLength || !COMPACT_JWS.test(token)) return null;
  if (!token.split(".").every(isCanonicalBase64url)) return null;
  try {
    const header = decodeProtectedHeader(token);
    if (Object.keys(header).some((name) => !ALLOWED_HEADER_PARAMETERS.has(name))) return null;
    const { payload } = await jwtVerify(token, (protectedHeader) => findVerificationKey(protectedHeader, keys), {
      algorithms: [ALGORITHM],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      typ: ACCESS_TOKEN_TYPE,
      clockTolerance: PROGRAM_TOKEN_POLICY.clockLeewaySeconds,
      maxTokenAge: PROGRAM_TOKEN_POLICY.accessTokenSeconds + PROGRAM_TOKEN_POLICY.clockLeewaySeconds,
      requiredClaims: REQUIRED_CLAIMS,
    });
    const { sub, sid, jti, exp } = payload;
    if (typeof sub !== "string" || !/^[1-9][0-9]{0,15}$/.test(sub)) return null;
    if (typeof sid !== "string" || typeof jti !== "string") return null;
    return { userId: Number(sub), linkPublicId: sid, tokenId: jti, expiresAt: new Date(exp! * 1000) };
  } catch {
    // Malformed, forged, expired, for someone else: all the same to the caller, and none of it is a fault.
    return null;
  }
}

// Base64url decoders ignore the padding bits of a part's last character, so one token has several spellings;
// only the one the signer wrote is accepted.
function isCanonicalBase64url(part: string) {
  return Buffer.from(part, "base64url").toString("base64url") === part;
}

// Keys come from the server's own set, looked up by exact kid: a kid is a name, never a path or a query.
function findVerificationKey(header: JWTHeaderParameters, keys: SigningKeys) {
  const key = typeof header.kid === "string" ? keys.verifying.get(header.kid) : undefined;
  if (!key) throw new Error("unknown signing key");
  return key;
}
