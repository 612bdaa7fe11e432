import { NextResponse, type NextRequest } from "next/server";
import { ALLOWED_METHODS } from "@/lib/platform/allowed-methods.mjs";
import { REQUEST_LIMITS } from "@/lib/platform/request-limits.mjs";
import { REFUSAL_POLICY } from "@/lib/platform/response-headers.mjs";
import { logSecurityEvent } from "@/lib/platform/audit-log";
import { readClientInfoFrom } from "@/lib/platform/request-info";
import { isSameOriginRequest, readPostedForm } from "@/lib/platform/request-checks";
import { POLICY_REPORT_PATH, contentSecurityPolicy, createScriptNonce } from "@/lib/platform/security-headers";
import { refuseMalformedActionCall } from "@/lib/platform/server-action-calls";
import { refuseThrottledFormPost } from "@/lib/sign-in/throttled-forms";

// Every state-changing request (server actions, form posts, route handlers) must come from the app's own
// pages. Next.js checks server actions itself, but lets a request without an Origin header through;
// this refuses a missing, "null" or foreign Origin for all of them, in one place. Sessions are not checked
// here: the data access layer does that on every request (docs/decisions/005-origin-check-in-the-proxy.md).
// The programs' API is the exception: it reads no cookie, only a bearer token a browser never adds on its
// own, so a cross-site page cannot borrow anyone's authority there (docs/decisions/013-signed-access-tokens-for-programs.md).
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const KNOWN_METHODS = new Set(ALLOWED_METHODS);
const PROGRAM_API = "/api/v1/";

export async function proxy(request: NextRequest) {
  const refusal = await findRefusal(request);
  return refusal ? withRefusalHeaders(refusal) : continueWithPolicy(request);
}

/** The answer to a request that must not reach the app, or null for one that may. */
async function findRefusal(request: NextRequest): Promise<Response | null> {
  if (!KNOWN_METHODS.has(request.method)) {
    return NextResponse.json(
      { error: "Method not allowed." },
      { status: 405, headers: { Allow: [...KNOWN_METHODS].join(", ") } },
    );
  }
  // server.mjs answers these before Next.js reads anything; this holds for a server run with `next start`.
  if (Number(request.headers.get("content-length") ?? 0) > REQUEST_LIMITS.maxBodyBytes) {
    return NextResponse.json({ error: "The request body is too large." }, { status: 413 });
  }
  if (SAFE_METHODS.has(request.method)) return null;
  if (isSameOriginRequest(request)) {
    const form = await readPostedForm(request);
    return (await refuseMalformedActionCall(request, form)) ?? (await refuseThrottledFormPost(request, form));
  }
  if (request.nextUrl.pathname.startsWith(PROGRAM_API)) return null;
  // Browsers send violation reports without an Origin of ours; the endpoint only writes a capped log line.
  if (request.nextUrl.pathname === POLICY_REPORT_PATH) return null;
  logSecurityEvent("cross-site-request-refused", {
    ...readClientInfoFrom(request.headers),
    path: request.nextUrl.pathname,
    reason: request.headers.has("origin") ? `origin ${request.headers.get("origin")!.slice(0, 100)}` : "no origin",
  });
  return NextResponse.json({ error: "Cross-site request refused." }, { status: 403 });
}

// A refusal shows nothing that needs a script: the policy of server.mjs's own answers, which allows nothing.
function withRefusalHeaders(refusal: Response) {
  refusal.headers.set("Content-Security-Policy", REFUSAL_POLICY);
  return refusal;
}

// Next.js reads the nonce from the request's Content-Security-Policy header and puts it on its own scripts.
function continueWithPolicy(request: NextRequest) {
  const policy = contentSecurityPolicy(createScriptNonce());
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Files, images and the read-only JSON routes (READ_ONLY_JSON_ROUTES) skip the proxy. Next.js reads this
// pattern from the source, so it cannot be built from that list; proxy.test.ts checks that the two agree.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|api/session$|api/session/status$|api/v1/me$|\\.well-known/jwks\\.json$|\\.well-known/oauth-authorization-server$).*)",
  ],
};
