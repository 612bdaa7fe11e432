import "server-only";
import { readClientInfo } from "@/lib/platform/request-info";
import { issueAccessToken } from "@/lib/programs/access-token";
import { AUTHORIZATION_SERVER, issuerFor } from "@/lib/programs/authorization-server";
import { redeemDeviceCode, startDeviceAuthorization } from "@/lib/programs/device-authorizations";
import { countDeviceStart } from "@/lib/programs/device-flow-limits";
import { checkProgramName } from "@/lib/programs/program-name";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import { createProgramLink, exchangeRefreshToken } from "@/lib/programs/program-links";
import { reportFailure } from "@/lib/dal/failures";

// How a program gets its tokens: a refresh token or an approved device code in, an access token and the next
// refresh token out; and the start of the device flow. Neither reads a cookie: what the program sends is its
// only credential.

export type TokenGrant = { type: "refresh-token"; refreshToken: string } | { type: "device-code"; deviceCode: string };

export { DEVICE_CODE_GRANT, readClientId } from "@/lib/programs/authorization-server";

/** Who asks and where: the client_id the program sent (read by readClientId) and the address it asked at. */
export type TokenRequester = { clientId: string; requestUrl: string };

export type IssuedTokens = { accessToken: string; expiresInSeconds: number; refreshToken: string };

export type TokenOutcome =
  | ({ status: "issued" } & IssuedTokens)
  /** The refresh token was used before: its link has ended. */
  | { status: "reused" }
  | { status: "refused"; grant: TokenGrant["type"] }
  /** RFC 8628's device flow: the user has not approved (yet), or the program asks too often. */
  | { status: "waiting"; state: "pending" | "slow-down" | "denied" | "expired" }
  | { status: "unavailable" };

export async function grantTokens(grant: TokenGrant, requester: TokenRequester): Promise<TokenOutcome> {
  try {
    return grant.type === "refresh-token"
      ? await refreshGrant(grant.refreshToken, requester)
      : await deviceCodeGrant(grant.deviceCode, requester);
  } catch (error) {
    reportFailure("token request", error);
    return { status: "unavailable" };
  }
}

async function refreshGrant(refreshToken: string, requester: TokenRequester): Promise<TokenOutcome> {
  const outcome = await exchangeRefreshToken(refreshToken, (await readClientInfo()).ipAddress);
  if (outcome.status === "reused") return { status: "reused" };
  if (outcome.status === "refused") return { status: "refused", grant: "refresh-token" };
  return issue({ userId: outcome.userId, linkPublicId: outcome.linkPublicId }, outcome.refreshToken, requester);
}

async function deviceCodeGrant(deviceCode: string, requester: TokenRequester): Promise<TokenOutcome> {
  const outcome = await redeemDeviceCode(deviceCode);
  if (outcome.status === "refused") return { status: "refused", grant: "device-code" };
  if (outcome.status !== "approved") return { status: "waiting", state: outcome.status };
  const { link, refreshToken } = await createProgramLink(outcome.userId, outcome.programName);
  return issue({ userId: outcome.userId, linkPublicId: link.publicId }, refreshToken, requester);
}

async function issue(
  link: { userId: number; linkPublicId: string },
  refreshToken: string,
  { clientId, requestUrl }: TokenRequester,
): Promise<TokenOutcome> {
  const access = await issueAccessToken({ ...link, clientId }, issuerFor(requestUrl));
  return { status: "issued", accessToken: access.token, expiresInSeconds: access.expiresInSeconds, refreshToken };
}

export type DeviceLinkStart =
  | {
      status: "started";
      deviceCode: string;
      userCode: string;
      /** Where the user enters the code: the approval page at the public origin. */
      verificationUri: string;
      expiresInSeconds: number;
      intervalSeconds: number;
    }
  | { status: "invalid-name"; error: string }
  /** This address started as many requests as may wait at once. */
  | { status: "throttled"; retryAfterSeconds: number }
  /** As many requests wait from every address together as the table keeps. */
  | { status: "full"; retryAfterSeconds: number }
  | { status: "unavailable" };

// Waiting requests expire within a code's lifetime; a minute frees some of them.
const PENDING_FULL_RETRY_SECONDS = 60;

/**
 * A program asks to be linked the device way; it shows the user code and polls with the device code. Bounded:
 * so many requests per client address within a code's lifetime, and so many waiting from every address together.
 */
export async function startDeviceLink(programName: unknown, requestUrl: string): Promise<DeviceLinkStart> {
  const name = checkProgramName(programName);
  if (!name.ok) return { status: "invalid-name", error: name.error };
  try {
    const throttled = await countDeviceStart((await readClientInfo()).ipAddress);
    if (throttled) return { status: "throttled", retryAfterSeconds: throttled.retryAfterSeconds };
    const started = await startDeviceAuthorization(name.value);
    if (!started) return { status: "full", retryAfterSeconds: PENDING_FULL_RETRY_SECONDS };
    return {
      status: "started",
      ...started,
      verificationUri: `${issuerFor(requestUrl)}${AUTHORIZATION_SERVER.paths.deviceApproval}`,
      expiresInSeconds: PROGRAM_TOKEN_POLICY.deviceCodeSeconds,
      intervalSeconds: PROGRAM_TOKEN_POLICY.devicePollIntervalSeconds,
    };
  } catch (error) {
    reportFailure("device link", error);
    return { status: "unavailable" };
  }
}
