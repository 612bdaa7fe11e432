import { handleProgramRequest } from "@/lib/server/dal/program-api";

/** Who the calling program acts for, and which link it uses. Bearer access tokens only. */
export async function GET(request: Request) {
  return handleProgramRequest(request, async ({ email, link }) =>
    Response.json(
      { user: { email }, link: { id: link.publicId, name: link.name } },
      { headers: { "Cache-Control": "no-store" } },
    ),
  );
}
