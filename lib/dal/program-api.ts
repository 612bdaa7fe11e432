import "server-only";
import { headers } from "next/headers";
import { logSecurityEvent } from "@/lib/platform/audit-log";
import { readClientInfoFrom } from "@/lib/platform/request-info";
import { verifyAccessToken } from "@/lib/programs/access-token";
import { authorizationServerMetadata, issuerFor } from "@/lib/programs/authorization-server";
import { endProgramLink, findLiveLinkForCall } from "@/lib/programs/program-links";
import { getSigningKeys } from "@/lib/programs/signing-keys";
import { reportFailure } from "@/lib/dal/failures";

// Who is calling the API: a program, named by the access token in its Authorization header and nothing
// else. No cookie, query parameter or other header is read here (docs/decisions/013-signed-access-tokens-for-programs.md).

export type ProgramCaller = { userId: number; email: string; link: { publicId: string; name: string } };

export type CallingProgram =
  | { status: "valid"; caller: ProgramCaller }
  /** No bearer token at all, or one not shaped like one. */
  | { status: "missing" }
  /** A token that is not this server's, has expired, or whose link has ended: whatever it was, one answer. */
  | { status: "refused" }
  | { status: "unavailable" };

// RFC 6750: the scheme is case-insensitive; the token is one run of token68 characters.
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/** The program behind this request's access token, if this deployment made the token and its link is live. */
export async function findCallingProgram(requestUrl: string): Promise<CallingProgram> {
  const path = new URL(requestUrl).pathname;
  const requestHeaders = await headers();
  const client = readClientInfoFrom(requestHeaders);
  const match = BEARER.exec(requestHeaders.get("authorization") ?? "");
  if (!match) return { status: "missing" };
  try {
    const claims = await verifyAccessToken(match[1]!, issuerFor(requestUrl));
    const caller = claims && (await findLiveLinkForCall(claims.userId, claims.linkPublicId, client.ipAddress));
    if (caller) return { status: "valid", caller };
    logSecurityEvent("access-token-refused", { ...client, path });
    return { status: "refused" };
  } catch (error) {
    reportFailure("program request", error);
    return { status: "unavailable" };
  }
}

/** The calling program ends its own link: its refresh and access tokens stop working. */
export async function unlinkCallingProgram(caller: ProgramCaller) {
  await endProgramLink(caller.userId, caller.link.publicId, "unlinked-by-program");
}

/** RFC 8414 metadata for this deployment: where a standard OAuth client finds every endpoint. */
export function describeAuthorizationServer(requestUrl: string) {
  return authorizationServerMetadata(issuerFor(requestUrl));
}

/** The public halves of the signing keys, for anyone who wants to check a token's signature. */
export function publishedSigningKeys() {
  return getSigningKeys().published;
}
