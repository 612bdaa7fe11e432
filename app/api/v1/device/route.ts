import { startDeviceLink } from "@/lib/dal/program-tokens";
import { NO_STORE, oauthError, readFormFields, serviceUnavailable } from "@/app/api/v1/oauth-answers";

/**
 * RFC 8628's device authorization endpoint: a program asks to be linked and gets a code to show its user and a
 * device code to poll with. The user sees the program by its `name`, or by its client_id when it sends none.
 */
export async function POST(request: Request) {
  const fields = await readFormFields(request);
  const started = await startDeviceLink(fields?.name ?? fields?.client_id, request.url);
  switch (started.status) {
    case "started":
      return Response.json(
        {
          device_code: started.deviceCode,
          user_code: started.userCode,
          verification_uri: started.verificationUri,
          expires_in: started.expiresInSeconds,
          interval: started.intervalSeconds,
        },
        { headers: NO_STORE },
      );
    case "invalid-name":
      return oauthError("invalid_request", started.error);
    case "throttled":
      return oauthError("slow_down", "Too many link requests from this address. Try again later.", {
        status: 429,
        retryAfterSeconds: started.retryAfterSeconds,
      });
    case "full":
      return oauthError("temporarily_unavailable", "Too many link requests are waiting. Try again later.", {
        status: 503,
        retryAfterSeconds: started.retryAfterSeconds,
      });
    case "unavailable":
      return serviceUnavailable();
  }
}
