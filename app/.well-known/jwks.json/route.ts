import { publishedSigningKeys } from "@/lib/dal/program-api";

/** The public keys that verify access tokens; private halves never leave the server's configuration. */
export function GET() {
  return Response.json(publishedSigningKeys(), { headers: { "Cache-Control": "public, max-age=300" } });
}
