// Headers every response carries. Plain JavaScript so that next.config.mjs (for the app's pages and routes) and
// server.mjs (for the answers it gives before Next.js sees a request) send the same ones; types in
// response-headers.d.mts. The Content-Security-Policy of pages, with a nonce per response, comes from proxy.ts.

/** No framing by other sites, no MIME sniffing, no full URLs to other sites, no handles across windows. */
export const FIXED_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  // No other site's window keeps a handle on ours, and no other site may embed our resources.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  // Nothing here needs the camera, the microphone, the location or payments; no page may ask.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

const YEAR_SECONDS = 365 * 24 * 3600;
const MAX_AGE = /^\d{1,9}$/;

/**
 * Strict-Transport-Security for an https public origin: a year unless HSTS_MAX_AGE_SECONDS says otherwise (0 turns
 * it off, for a first deployment that may still need plain http). None for plain http on localhost. Throws on a
 * malformed HSTS_MAX_AGE_SECONDS; the public origin itself is checked by the server's configuration check.
 */
export function strictTransportSecurityFor(publicOrigin, hstsMaxAgeSeconds) {
  const configured = hstsMaxAgeSeconds?.trim();
  if (configured && !MAX_AGE.test(configured)) {
    throw new Error("HSTS_MAX_AGE_SECONDS must be a whole number of seconds (0 turns HSTS off).");
  }
  if (!publicOrigin?.startsWith("https:")) return null;
  const maxAge = configured ? Number(configured) : YEAR_SECONDS;
  return maxAge === 0 ? null : `max-age=${maxAge}; includeSubDomains`;
}

// A refusal page loads nothing, runs nothing and may be framed by nobody.
export const REFUSAL_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Route handlers that only read and only answer JSON. They need nothing proxy.ts does: no page, so no script
// nonce; no method that changes anything, so no origin to check. Its matcher leaves them out and next.config.mjs
// gives them REFUSAL_POLICY; proxy.test.ts holds both to this list (docs/decisions/027-read-only-routes-skip-the-proxy.md).
export const READ_ONLY_JSON_ROUTES = [
  "/api/session",
  "/api/session/status",
  "/api/v1/me",
  "/.well-known/jwks.json",
  "/.well-known/oauth-authorization-server",
];

/** The headers of an answer server.mjs gives itself, as an object for writeHead; read from the environment once. */
export function refusalHeaders(env = process.env) {
  let hsts = null;
  try {
    hsts = strictTransportSecurityFor(env.PUBLIC_ORIGIN?.trim(), env.HSTS_MAX_AGE_SECONDS);
  } catch {
    // The configuration check stops the server with the reason before it serves anything.
  }
  return {
    ...Object.fromEntries(FIXED_HEADERS.map(({ key, value }) => [key, value])),
    "Content-Security-Policy": REFUSAL_POLICY,
    "Cache-Control": "no-store",
    ...(hsts ? { "Strict-Transport-Security": hsts } : {}),
  };
}
