import { unlinkCallingProgram } from "@/lib/dal/program-api";
import { answerProgram } from "@/app/api/v1/program-request";
import { NO_STORE } from "@/app/api/v1/oauth-answers";

/** The calling program ends its own link (the API's state-changing example). Bearer access tokens only. */
export async function DELETE(request: Request) {
  return answerProgram(request, async (caller) => {
    await unlinkCallingProgram(caller);
    return new Response(null, { status: 204, headers: NO_STORE });
  });
}
