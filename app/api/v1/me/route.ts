import { answerProgram } from "@/app/api/v1/program-request";
import { NO_STORE } from "@/app/api/v1/oauth-answers";

/** Who the calling program acts for, and which link it uses. Bearer access tokens only. */
export async function GET(request: Request) {
  return answerProgram(request, async ({ email, link }) =>
    Response.json({ user: { email }, link: { id: link.publicId, name: link.name } }, { headers: NO_STORE }),
  );
}
