import {
  DEVICE_CODE_GRANT,
  grantTokens,
  readClientId,
  type TokenGrant,
  type TokenOutcome,
} from "@/lib/dal/program-tokens";
import { NO_STORE, oauthError, readFormFields, serviceUnavailable } from "@/app/api/v1/oauth-answers";

const WAITING_ANSWERS = {
  pending: ["authorization_pending", "The user has not answered yet."],
  "slow-down": ["slow_down", "Ask less often."],
  denied: ["access_denied", "The user declined to link this program."],
  expired: ["expired_token", "The code has expired. Start again."],
} as const;

/**
 * The OAuth token endpoint: grant_type=refresh_token, or the device grant once the user approved. Every refusal
 * is RFC 6749 §5.2's 400 with an error code (a grant it will not take is invalid_grant), and the device flow's
 * waiting states are RFC 8628's.
 */
export async function POST(request: Request) {
  const fields = await readFormFields(request);
  if (!fields) return oauthError("invalid_request", "Send a form-encoded (or JSON) body.");
  const clientId = readClientId(fields.client_id);
  if (!clientId.ok) return oauthError("invalid_request", "A client_id is one line of printable ASCII, short.");
  const grant = readGrant(fields);
  if (grant.status === "unsupported") {
    return oauthError("unsupported_grant_type", "Use grant_type=refresh_token, or the device grant.");
  }
  if (grant.status === "incomplete") return oauthError("invalid_request", grant.description);
  return answer(await grantTokens(grant.grant, { clientId: clientId.value, requestUrl: request.url }));
}

function readGrant(
  fields: Record<string, unknown>,
): { status: "read"; grant: TokenGrant } | { status: "unsupported" } | { status: "incomplete"; description: string } {
  switch (fields.grant_type) {
    case "refresh_token":
      return typeof fields.refresh_token === "string" && fields.refresh_token !== ""
        ? { status: "read", grant: { type: "refresh-token", refreshToken: fields.refresh_token } }
        : { status: "incomplete", description: "Send the refresh_token with grant_type=refresh_token." };
    case DEVICE_CODE_GRANT:
      return typeof fields.device_code === "string" && fields.device_code !== ""
        ? { status: "read", grant: { type: "device-code", deviceCode: fields.device_code } }
        : { status: "incomplete", description: "Send the device_code with the device grant." };
    case undefined:
      return { status: "incomplete", description: "Send a grant_type." };
    default:
      return { status: "unsupported" };
  }
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
      return oauthError("invalid_grant", "This refresh token was used before, so its link has ended. Link again.");
    case "refused":
      return outcome.grant === "refresh-token"
        ? oauthError("invalid_grant", "The refresh token is not valid.")
        : oauthError("invalid_grant", "The device code is not valid.");
    case "waiting": {
      const [error, description] = WAITING_ANSWERS[outcome.state];
      return oauthError(error, description);
    }
    case "unavailable":
      return serviceUnavailable();
  }
}
