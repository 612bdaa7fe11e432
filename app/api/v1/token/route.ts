import { refreshAccessToken } from "@/lib/server/dal/program-api";

/** OAuth-style refresh: grant_type=refresh_token in, an access token and the next refresh token out. */
export async function POST(request: Request) {
  return refreshAccessToken(request);
}
