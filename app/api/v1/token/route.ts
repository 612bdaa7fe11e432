import { handleTokenRequest } from "@/lib/server/dal/program-tokens";

/** OAuth-style token endpoint: grant_type=refresh_token, or the device grant once the user approved. */
export async function POST(request: Request) {
  return handleTokenRequest(request);
}
