import { headers } from "next/headers";

const LOOPBACK_NAMES = new Set(["localhost", "[::1]"]);

/**
 * The session cookie is Secure, which browsers honour over plain HTTP only on localhost.
 * Opened at http://127.0.0.1 or a LAN address, sign-in would silently fail; say so instead.
 */
export async function InsecureOriginNotice() {
  // Served over HTTPS is a matter of configuration (the public origin), never of a header a client could send.
  if (process.env.PUBLIC_ORIGIN?.startsWith("https:")) return null;
  const hostname = ((await headers()).get("host") ?? "").replace(/:\d+$/, "");
  if (LOOPBACK_NAMES.has(hostname) || hostname.endsWith(".localhost")) return null;
  return (
    <p role="alert" className="notice warning">
      This page was opened over plain HTTP at {hostname}. The session cookie is marked Secure, so your browser will not
      keep it here and signing in will not stick. Open the demo at http://localhost instead, or serve it over HTTPS.
    </p>
  );
}
