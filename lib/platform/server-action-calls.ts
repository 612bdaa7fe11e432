import "server-only";
import { extractInfoFromServerReferenceId } from "next/dist/shared/lib/server-reference-info";
import type { NextRequest } from "next/server";
import { logSecurityEvent } from "@/lib/platform/audit-log";
import { readClientInfoFrom } from "@/lib/platform/request-info";

// Every server action of the app is called from a form. React sends such a call as multipart form data whose
// field "0" is the JSON array of arguments, the last being a reference to the form's fields ("$K1"), or as
// that JSON text alone when there is no form data to send. A call
// in any other shape cannot come from the app's pages; left alone, it fails inside Next.js's decoder or the
// action with a 500. It is answered 400 here instead, and so is a form posted without JavaScript (no Next-Action
// header) whose multipart body cannot be parsed.
const FORM_REFERENCE = /^\$K[0-9a-z]+$/;

export async function refuseMalformedActionCall(request: NextRequest, form: FormData | null): Promise<Response | null> {
  const actionId = request.headers.get("next-action");
  // A page takes a multipart post as a form posted without JavaScript; Next.js fails on one it cannot parse.
  const unreadableForm = form === null && isMultipart(request) && !request.nextUrl.pathname.startsWith("/api/");
  if (unreadableForm) return badRequest(request, "unreadable form", "The form could not be read.");
  if (actionId === null) return null;
  if (await isFormActionCall(request, form, actionId)) return null;
  return badRequest(request, "malformed server action call", "Invalid Server Action request.");
}

function badRequest(request: NextRequest, reason: string, message: string) {
  logSecurityEvent("malformed-request-refused", {
    ...readClientInfoFrom(request.headers),
    path: request.nextUrl.pathname,
    reason,
  });
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}

function isMultipart(request: NextRequest) {
  return (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
}

async function isFormActionCall(request: NextRequest, form: FormData | null, actionId: string): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  try {
    const root = type.startsWith("multipart/form-data")
      ? form?.get("0")
      : type.startsWith("text/plain")
        ? await request.clone().text()
        : null;
    const args: unknown = JSON.parse(String(root));
    if (!Array.isArray(args) || args.length !== usedArgumentCount(actionId)) return false;
    return args.length === 0 || (typeof args.at(-1) === "string" && FORM_REFERENCE.test(args.at(-1)));
  } catch {
    return false;
  }
}

/**
 * How many arguments the app's own pages send this action. Next.js leaves out the ones an action does not
 * use, up to the last one it does, and says which it uses in the first byte of the action's id: an action
 * that reads nothing gets "[]", one that reads its form gets every argument up to the form.
 */
function usedArgumentCount(actionId: string): number {
  const { usedArgs, hasRestArgs } = extractInfoFromServerReferenceId(actionId);
  if (hasRestArgs) return Number.NaN; // none of the app's actions; such a call is refused
  return usedArgs.lastIndexOf(true) + 1;
}
