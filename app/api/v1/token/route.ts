import { grantTokens, type TokenGrant, type TokenOutcome } from "@/lib/dal/program-tokens";
import { NO_STORE, oauthError, readFormFields, serviceUnavailable } from "@/app/api/v1/oauth-answers";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

const WAITING_ANSWERS = {
  pending: ["authorization_pending", "The user has not answered yet."],
  "slow-down": ["slow_down", "Ask less often."],
  denied: ["access_denied", "The user declined to link this program."],
  expired: ["expired_token", "The code has expired. Start again."],
} as const;

/**
 * OAuth-style token endpoint: grant_type=refresh_token, or the device grant once the user approved. The device
 * flow's waiting states are RFC 8628's 400 answers.
 */
export async function POST(request: Request) {
  const grant = readGrant(await readFormFields(request));
  if (!grant) {
    return oauthError(
      400,
      "invalid_request",
      "Send grant_type=refresh_token with a refresh_token, or the device grant.",
    );
  }
  return answer(await grantTokens(grant));
}

function readGrant(fields: Record<string, unknown> | null): TokenGrant | null {
  if (fields?.grant_type === "refresh_token" && typeof fields.refresh_token === "string") {
    return { type: "refresh-token", refreshToken: fields.refresh_token };
  }
  if (fields?.grant_type === DEVICE_GRANT && typeof fields.device_code === "string") {
    return { type: "device-code", deviceCode: fields.device_code };
  }
  return null;
}

function answer(outcome: TokenOutcome): Response {
  switch (outcome.status) {
    case "issued":
      return Response.json(
        {
          access_token: outcome.accessToken,
          token_type: "Bearer",
          expires_in: outcome.expiresInSeconds,
          refresh_token: outcome.refreshToken,
        },
        { headers: NO_STORE },
      );
    case "reused":
      return oauthError(401, "invalid_grant", "This refresh token was used before, so its link has ended. Link again.");
    case "refused":
      return outcome.grant === "refresh-token"
        ? oauthError(401, "invalid_grant", "The refresh token is not valid.")
        : oauthError(401, "invalid_grant", "The device code is not valid.");
    case "waiting": {
      const [error, description] = WAITING_ANSWERS[outcome.state];
      return oauthError(400, error, description);
    }
    case "unavailable":
      return serviceUnavailable();
  }
}
