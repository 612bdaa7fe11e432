import { randomBytes } from "node:crypto";
import { strictTransportSecurityFor } from "@/lib/platform/response-headers.mjs";
import { readPublicOrigin } from "@/lib/platform/public-origin";
import { ConfigurationError } from "@/lib/platform/secrets";

// Headers that vary per response or per deployment; the fixed ones are in lib/platform/response-headers.mjs.

/** A fresh nonce for every page: the app's own scripts carry it, and an injected script cannot guess it. */
export function createScriptNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Where browsers report what the policy blocked (app/api/csp-report/route.ts). */
export const POLICY_REPORT_PATH = "/api/csp-report";

/**
 * Only the app's own resources, scripts only with this response's nonce (and what they load), no plugins,
 * no <base>, forms only to the app itself, no framing by anyone, and every violation reported to the app.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    `report-uri ${POLICY_REPORT_PATH}`,
  ].join("; ");
}

/**
 * Strict-Transport-Security for an https public origin: a year unless HSTS_MAX_AGE_SECONDS says otherwise
 * (0 turns it off, for a first deployment that may still need plain http). None for plain http on localhost.
 */
export function strictTransportSecurity(
  env: { PUBLIC_ORIGIN?: string; NODE_ENV?: string; HSTS_MAX_AGE_SECONDS?: string } = process.env,
): string | null {
  try {
    return strictTransportSecurityFor(readPublicOrigin(env) ?? undefined, env.HSTS_MAX_AGE_SECONDS);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError((error as Error).message);
  }
}
