import { randomBytes } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT, type JWTHeaderParameters } from "jose";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import { getSigningKeys, type SigningKeys } from "@/lib/programs/signing-keys";

// The only module that makes or reads access tokens (docs/decisions/013-signed-access-tokens-for-programs.md).

/** Named in every token, so a token made for another service that trusts the same key is refused here. */
export const ACCESS_TOKEN_AUDIENCE = "sessionproof-api";
export const ACCESS_TOKEN_TYPE = "at+jwt";
const ALGORITHM = "EdDSA";

// Three base64url parts: the compact form. Anything else (the JSON form, an empty signature) is refused.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
// Header parameters that point at a key (jwk, jku, x5u, x5c...) or change how the token is read (crit,
// b64, zip) are never honoured; a token that carries one is refused outright.
const ALLOWED_HEADER_PARAMETERS = new Set(["alg", "kid", "typ"]);
// RFC 9068's claims for JWT access tokens, and the link (sid) the token belongs to.
const REQUIRED_CLAIMS = ["iss", "aud", "sub", "client_id", "sid", "iat", "nbf", "exp", "jti"];

export type AccessTokenClaims = { userId: number; linkPublicId: string; tokenId: string; expiresAt: Date };

export type AccessTokenGrant = { userId: number; linkPublicId: string; clientId: string };

/** A signed access token for one program link, valid for a few minutes, naming `issuer` (the public origin). */
export async function issueAccessToken(
  { userId, linkPublicId, clientId }: AccessTokenGrant,
  issuer: string,
  keys: SigningKeys = getSigningKeys(),
): Promise<{ token: string; expiresInSeconds: number }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresInSeconds = PROGRAM_TOKEN_POLICY.accessTokenSeconds;
  const token = await new SignJWT({ client_id: clientId, sid: linkPublicId })
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.signing.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(issuer)
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
 * The claims of a genuine, current access token that `issuer` made for this API, or null for anything else.
 * Only the signature proves who made it; whether its link is still live is the caller's next question.
 */
export async function verifyAccessToken(
  token: string,
  issuer: string,
  keys: SigningKeys = getSigningKeys(),
): Promise<AccessTokenClaims | null> {
  if (token.length > PROGRAM_TOKEN_POLICY.maxAccessTokenLength || !COMPACT_JWS.test(token)) return null;
  if (!token.split(".").every(isCanonicalBase64url)) return null;
  try {
    const header = decodeProtectedHeader(token);
    if (Object.keys(header).some((name) => !ALLOWED_HEADER_PARAMETERS.has(name))) return null;
    const { payload } = await jwtVerify(token, (protectedHeader) => findVerificationKey(protectedHeader, keys), {
      algorithms: [ALGORITHM],
      issuer,
      audience: ACCESS_TOKEN_AUDIENCE,
      typ: ACCESS_TOKEN_TYPE,
      clockTolerance: PROGRAM_TOKEN_POLICY.clockLeewaySeconds,
      maxTokenAge: PROGRAM_TOKEN_POLICY.accessTokenSeconds + PROGRAM_TOKEN_POLICY.clockLeewaySeconds,
      requiredClaims: REQUIRED_CLAIMS,
    });
    const { sub, sid, jti, exp, client_id } = payload;
    if (typeof sub !== "string" || !/^[1-9][0-9]{0,15}$/.test(sub)) return null;
    if (typeof sid !== "string" || typeof jti !== "string" || typeof client_id !== "string") return null;
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
