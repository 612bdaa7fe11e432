import { describeAuthorizationServer } from "@/lib/dal/program-api";

/** RFC 8414 metadata: a standard OAuth client given only this server's address finds every endpoint here. */
export function GET(request: Request) {
  return Response.json(describeAuthorizationServer(request.url), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
