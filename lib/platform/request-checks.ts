import "server-only";
import { readPublicOrigin } from "@/lib/platform/public-origin";

// Checks the proxy makes on a request before any page or action sees it.

let publicOrigin: string | null | undefined;

/**
 * Cross-site request check for every state-changing request (see proxy.ts). Browsers send Origin on every
 * POST, so a missing, "null" or foreign one is refused. Foreign means anything but the configured public
 * origin, compared whole: scheme, host and port (without PUBLIC_ORIGIN, the origin the request was sent to).
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  publicOrigin ??= readPublicOrigin();
  return origin === (publicOrigin ?? new URL(request.url).origin);
}

/**
 * The fields of a posted form (multipart or URL-encoded), read from a copy so the page's action can still read
 * the body; null for any other body, or one that cannot be read (left for the action to refuse).
 */
export async function readPostedForm(request: Request): Promise<FormData | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) return null;
  try {
    return await request.clone().formData();
  } catch {
    return null;
  }
}
