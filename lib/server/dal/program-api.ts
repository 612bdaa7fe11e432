import "server-only";
import { verifyAccessToken } from "@/lib/server/access-token";
import { logSecurityEvent } from "@/lib/server/audit-log";
import { endProgramLink, findLiveLinkForCall } from "@/lib/server/program-links";
import { readClientInfoFrom } from "@/lib/server/request-info";
import { getSigningKeys } from "@/lib/server/signing-keys";
import { reportFailure } from "./failures";

// Who is calling the API: a program, named by the access token in its Authorization header and nothing
// else. No cookie, query parameter or other header is read here (docs/decisions/013-signed-access-tokens-for-programs.md).

export type ProgramCaller = { userId: number; email: string; link: { publicId: string; name: string } };

export const NO_STORE = { "Cache-Control": "no-store" };
// RFC 6750: the scheme is case-insensitive; the token is one run of token68 characters.
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;
export const REALM = 'Bearer realm="sessionproof"';

/**
 * Runs `handle` for a program with a valid access token whose link is live. Anything else gets a 401
 * that says only that a valid bearer token is needed, whatever was wrong with it.
 */
export async function handleProgramRequest(
  request: Request,
  handle: (caller: ProgramCaller) => Promise<Response>,
): Promise<Response> {
  const client = readClientInfoFrom(request.headers);
  const match = BEARER.exec(request.headers.get("authorization") ?? "");
  if (!match) return unauthorized(REALM);
  try {
    const claims = await verifyAccessToken(match[1]!);
    const caller = claims && (await findLiveLinkForCall(claims.userId, claims.linkPublicId, client.ipAddress));
    if (!caller) {
      logSecurityEvent("access-token-refused", { ...client, path: new URL(request.url).pathname });
      return unauthorized(`${REALM}, error="invalid_token"`);
    }
    return await handle(caller);
  } catch (error) {
    reportFailure("program request", error);
    return Response.json({ error: "Service unavailable." }, { status: 503, headers: NO_STORE });
  }
}

/** The calling program ends its own link: its refresh and access tokens stop working. */
export async function unlinkCallingProgram(caller: ProgramCaller) {
  await endProgramLink(caller.userId, caller.link.publicId, "unlinked-by-program");
}

/** The public halves of the signing keys, for anyone who wants to check a token's signature. */
export function publishedSigningKeys() {
  return getSigningKeys().published;
}

function unauthorized(challenge: string) {
  return Response.json(
    { error: "A valid bearer access token is required." },
    { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": challenge } },
  );
}
