import "server-only";
import { headers } from "next/headers";
import { readPublicOrigin } from "./public-origin";
import type { ClientInfo } from "./session";

/**
 * What a session remembers about the device that opened it, for the user to recognise it later.
 * Informational only: a client can claim any user agent, so nothing is decided on it.
 */
export async function readClientInfo(): Promise<ClientInfo> {
  return readClientInfoFrom(await headers());
}

export function readClientInfoFrom(requestHeaders: Headers): ClientInfo {
  // server.mjs replaces X-Forwarded-For with the one address it trusts: the connection's peer, or the
  // entry the configured proxies vouch for (TRUSTED_PROXY_COUNT). Only the last entry is read regardless.
  const forwarded = requestHeaders.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return {
    ipAddress: forwarded?.slice(0, 64) || null,
    userAgent: requestHeaders.get("user-agent")?.slice(0, 512) ?? null,
  };
}

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
