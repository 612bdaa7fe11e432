import { startDeviceLink } from "@/lib/dal/program-tokens";
import { NO_STORE, oauthError, readFormFields, serviceUnavailable } from "@/app/api/v1/oauth-answers";

/** A program asks to be linked: it gets a code to show its user and a device code to poll with. */
export async function POST(request: Request) {
  const started = await startDeviceLink((await readFormFields(request))?.name);
  switch (started.status) {
    case "started":
      return Response.json(
        {
          device_code: started.deviceCode,
          user_code: started.userCode,
          verification_uri: new URL("/account/apps/approve", request.url).toString(),
          expires_in: started.expiresInSeconds,
          interval: started.intervalSeconds,
        },
        { headers: NO_STORE },
      );
    case "invalid-name":
      return oauthError(400, "invalid_request", started.error);
    case "throttled":
      return oauthError(
        429,
        "slow_down",
        "Too many link requests from this address. Try again later.",
        started.retryAfterSeconds,
      );
    case "full":
      return oauthError(
        503,
        "temporarily_unavailable",
        "Too many link requests are waiting. Try again later.",
        started.retryAfterSeconds,
      );
    case "unavailable":
      return serviceUnavailable();
  }
}
