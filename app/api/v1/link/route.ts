import { handleProgramRequest, unlinkCallingProgram } from "@/lib/server/dal/program-api";

/** The calling program ends its own link (the API's state-changing example). Bearer access tokens only. */
export async function DELETE(request: Request) {
  return handleProgramRequest(request, async (caller) => {
    await unlinkCallingProgram(caller);
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  });
}
