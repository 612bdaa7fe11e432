import { findCallingProgram, type ProgramCaller } from "@/lib/dal/program-api";
import { NO_STORE, REALM } from "@/app/api/v1/oauth-answers";

/**
 * Runs `handle` for a program with a valid access token whose link is live. Anything else gets a 401 that says
 * only that a valid bearer token is needed, whatever was wrong with it.
 */
export async function answerProgram(
  request: Request,
  handle: (caller: ProgramCaller) => Promise<Response>,
): Promise<Response> {
  const calling = await findCallingProgram(request.url);
  if (calling.status === "valid") return handle(calling.caller);
  if (calling.status === "unavailable") {
    return Response.json({ error: "Service unavailable." }, { status: 503, headers: NO_STORE });
  }
  const challenge = calling.status === "missing" ? REALM : `${REALM}, error="invalid_token"`;
  return Response.json(
    { error: "A valid bearer access token is required." },
    { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": challenge } },
  );
}
