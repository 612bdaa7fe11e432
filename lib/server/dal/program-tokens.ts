import "server-only";
import { issueAccessToken } from "@/lib/server/access-token";
import { redeemDeviceCode, startDeviceAuthorization } from "@/lib/server/device-authorizations";
import { countDeviceStart } from "@/lib/server/device-flow-limits";
import { createProgramLink, exchangeRefreshToken } from "@/lib/server/program-links";
import { readClientInfoFrom } from "@/lib/server/request-info";
import { PROGRAM_TOKEN_POLICY } from "@/lib/session-policy";
import { checkProgramName } from "@/lib/validation";
import { reportFailure } from "./failures";
import { NO_STORE, REALM } from "./program-api";

// How a program gets its tokens: the token endpoint (refresh and device grants) and the start of the
// device flow. Neither reads a cookie: the request itself carries the only credential.

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
// Waiting requests expire within a code's lifetime; a minute frees some of them.
const PENDING_FULL_RETRY_SECONDS = 60;

/**
 * The token endpoint: a refresh token, or an approved device code, in; an access token and the next refresh
 * token out. A refused token gets 401 like every refused token here (RFC 6749 would send 400 invalid_grant;
 * the error code stays). The device flow's waiting states are RFC 8628's 400 answers.
 */
export async function handleTokenRequest(request: Request): Promise<Response> {
  const fields = await readFormFields(request);
  try {
    if (fields?.grant_type === "refresh_token" && typeof fields.refresh_token === "string") {
      return await refreshGrant(fields.refresh_token, readClientInfoFrom(request.headers).ipAddress);
    }
    if (fields?.grant_type === DEVICE_GRANT && typeof fields.device_code === "string") {
      return await deviceCodeGrant(fields.device_code);
    }
  } catch (error) {
    reportFailure("token request", error);
    return Response.json({ error: "temporarily_unavailable" }, { status: 503, headers: NO_STORE });
  }
  return tokenError(400, "invalid_request", "Send grant_type=refresh_token with a refresh_token, or the device grant.");
}

async function refreshGrant(refreshToken: string, address: string | null) {
  const outcome = await exchangeRefreshToken(refreshToken, address);
  if (outcome.status === "reused") {
    return tokenError(401, "invalid_grant", "This refresh token was used before, so its link has ended. Link again.");
  }
  if (outcome.status === "refused") return tokenError(401, "invalid_grant", "The refresh token is not valid.");
  return tokenResponse(outcome.userId, outcome.linkPublicId, outcome.refreshToken);
}

const DEVICE_WAITING_ANSWERS = {
  pending: ["authorization_pending", "The user has not answered yet."],
  "slow-down": ["slow_down", "Ask less often."],
  denied: ["access_denied", "The user declined to link this program."],
  expired: ["expired_token", "The code has expired. Start again."],
} as const;

async function deviceCodeGrant(deviceCode: string) {
  const outcome = await redeemDeviceCode(deviceCode);
  if (outcome.status === "refused") return tokenError(401, "invalid_grant", "The device code is not valid.");
  if (outcome.status !== "approved") {
    const [error, description] = DEVICE_WAITING_ANSWERS[outcome.status];
    return tokenError(400, error, description);
  }
  const { link, refreshToken } = await createProgramLink(outcome.userId, outcome.programName);
  return tokenResponse(outcome.userId, link.publicId, refreshToken);
}

async function tokenResponse(userId: number, linkPublicId: string, refreshToken: string) {
  const access = await issueAccessToken({ userId, linkPublicId });
  return Response.json(
    {
      access_token: access.token,
      token_type: "Bearer",
      expires_in: access.expiresInSeconds,
      refresh_token: refreshToken,
    },
    { headers: NO_STORE },
  );
}

/**
 * A program asks to be linked the device way; it shows the user code and polls with the device code. Bounded:
 * so many requests per client address within a code's lifetime, and so many waiting from every address together.
 */
export async function startDeviceLink(request: Request): Promise<Response> {
  const name = checkProgramName((await readFormFields(request))?.name);
  if (!name.ok) return tokenError(400, "invalid_request", name.error);
  try {
    const throttled = await countDeviceStart(readClientInfoFrom(request.headers).ipAddress);
    if (throttled) {
      return Response.json(
        { error: "slow_down", error_description: "Too many link requests from this address. Try again later." },
        { status: 429, headers: { ...NO_STORE, "Retry-After": String(throttled.retryAfterSeconds) } },
      );
    }
    const started = await startDeviceAuthorization(name.value);
    if (!started) {
      return Response.json(
        { error: "temporarily_unavailable", error_description: "Too many link requests are waiting. Try again later." },
        { status: 503, headers: { ...NO_STORE, "Retry-After": String(PENDING_FULL_RETRY_SECONDS) } },
      );
    }
    const { deviceCode, userCode } = started;
    return Response.json(
      {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: new URL("/account/apps/approve", request.url).toString(),
        expires_in: PROGRAM_TOKEN_POLICY.deviceCodeSeconds,
        interval: PROGRAM_TOKEN_POLICY.devicePollIntervalSeconds,
      },
      { headers: NO_STORE },
    );
  } catch (error) {
    reportFailure("device link", error);
    return Response.json({ error: "temporarily_unavailable" }, { status: 503, headers: NO_STORE });
  }
}

/** A form-encoded body (what OAuth clients send) or a JSON one; null when it is neither. */
async function readFormFields(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const type = request.headers.get("content-type") ?? "";
    const fields: unknown = type.startsWith("application/json")
      ? await request.json()
      : Object.fromEntries(await request.formData());
    return fields && typeof fields === "object" ? (fields as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function tokenError(status: 400 | 401, error: string, description: string): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (status === 401) headers["WWW-Authenticate"] = `${REALM}, error="invalid_token"`;
  return Response.json({ error, error_description: description }, { status, headers });
}
