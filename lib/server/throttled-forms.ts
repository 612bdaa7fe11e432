import "server-only";
import type { NextRequest } from "next/server";
import { describeWait } from "@/lib/throttle-message";
import { checkEmail } from "@/lib/validation";
import { readClientInfoFrom } from "./request-info";
import { findWait } from "./throttle";

// The sign-in and sign-up forms post to their own pages. A server action cannot choose its status code, so
// the proxy answers a client that must wait with 429 and Retry-After before the action runs; the action
// refuses it too, for whatever reaches it (docs/decisions/015-throttling-password-checks.md).
const THROTTLED_FORM_PAGES = new Set(["/login", "/signup"]);

/** A 429 for a sign-in or sign-up post from a client or for an email that must wait; null otherwise. */
export async function refuseThrottledFormPost(request: NextRequest): Promise<Response | null> {
  if (request.method !== "POST" || !THROTTLED_FORM_PAGES.has(request.nextUrl.pathname)) return null;
  const { ipAddress } = readClientInfoFrom(request.headers);
  const email = await readSubmittedEmail(request);
  // With the database down the action runs and says the service is unavailable; it would refuse a wait too.
  const wait = await findWait({ email, ipAddress }).catch(() => null);
  if (!wait) return null;
  // Exactly text/plain: the app's own forms show such a body as the message (app/components/wait-boundary.tsx).
  return new Response(describeWait(wait.retryAfterSeconds), {
    status: 429,
    headers: {
      "Content-Type": "text/plain",
      "Retry-After": String(wait.retryAfterSeconds),
      "Cache-Control": "no-store",
    },
  });
}

// A form posted by the page's script prefixes its fields ("_1_email"); a plain form post does not ("email").
async function readSubmittedEmail(request: NextRequest): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) return null;
  try {
    const form = await request.clone().formData();
    for (const [name, value] of form) {
      if (typeof value !== "string" || !/^(_?\d+_)?email$/.test(name)) continue;
      const email = checkEmail(value);
      return email.ok ? email.value : null;
    }
  } catch {
    // An unreadable body is left for the action to refuse.
  }
  return null;
}
