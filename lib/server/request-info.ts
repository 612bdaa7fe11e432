import "server-only";
import { headers } from "next/headers";
import type { ClientInfo } from "./session";

/**
 * What a session remembers about the device that opened it, for the user to recognise it later.
 * Informational only: a client can claim any user agent, so nothing is decided on it.
 */
export async function readClientInfo(): Promise<ClientInfo> {
  return readClientInfoFrom(await headers());
}

export function readClientInfoFrom(requestHeaders: Headers): ClientInfo {
  // Next.js fills X-Forwarded-For with the peer address only when the request has none, so a client
  // can claim any address here. Behind a proxy, the last entry is the one the proxy saw.
  const forwarded = requestHeaders.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return {
    ipAddress: forwarded?.slice(0, 64) || null,
    userAgent: requestHeaders.get("user-agent")?.slice(0, 512) ?? null,
  };
}

/**
 * Cross-site request check for every state-changing request (see proxy.ts). Browsers send Origin on
 * every POST, so a missing, "null" or foreign one is refused.
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (!origin || !host || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
