import { ConfigurationError } from "@/lib/platform/secrets";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * PUBLIC_ORIGIN: the scheme, host and port people use to reach the app, such as https://sessions.example.com.
 * Every state-changing request must come from exactly this origin. Required in production; without it (the
 * development server) a request must come from the origin it was sent to. Plain http only for loopback,
 * where browsers keep the Secure cookie.
 */
export function readPublicOrigin(env: { PUBLIC_ORIGIN?: string; NODE_ENV?: string } = process.env): string | null {
  const raw = env.PUBLIC_ORIGIN?.trim();
  if (!raw) {
    if (env.NODE_ENV !== "production") return null;
    throw new ConfigurationError(
      "No public origin is configured. Set PUBLIC_ORIGIN to the address people open the app at, such as " +
        "https://sessions.example.com: requests that change anything must come from exactly there.",
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`PUBLIC_ORIGIN must be an origin such as https://sessions.example.com.`);
  }
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  if (!bare || !secure) {
    throw new ConfigurationError(
      "PUBLIC_ORIGIN must be an https origin, scheme, host and optional port and nothing else, such as " +
        "https://sessions.example.com (plain http only for localhost).",
    );
  }
  return url.origin;
}
