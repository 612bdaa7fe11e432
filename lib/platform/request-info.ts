import "server-only";
import { headers } from "next/headers";

/** Where a request came from and with what software: its address and its user agent. */
export type ClientInfo = { ipAddress: string | null; userAgent: string | null };

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
