import { FIXED_HEADERS, READ_ONLY_JSON_ROUTES, REFUSAL_POLICY } from "./lib/platform/response-headers.mjs";

// Server actions may be called from the public origin's host only. proxy.ts has already compared the whole
// origin with PUBLIC_ORIGIN; this keeps Next.js's own check from widening it. A malformed value is reported
// by the server's configuration check (lib/operations/configuration.ts), so it is ignored here.
function publicHost() {
  try {
    return [new URL(process.env.PUBLIC_ORIGIN ?? "").host];
  } catch {
    return [];
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  experimental: {
    serverActions: { allowedOrigins: publicHost() },
  },
  poweredByHeader: false,
  // Native modules stay outside the server bundle.
  serverExternalPackages: [
    "argon2",
    "rate-limiter-flexible",
    "@prisma/adapter-better-sqlite3",
    "better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
  ],
  async headers() {
    // The same headers server.mjs sends with the answers it gives itself (lib/platform/response-headers.mjs). The
    // Content-Security-Policy comes from proxy.ts, with a nonce per page, except on the read-only JSON routes it
    // leaves out; Strict-Transport-Security comes from server.mjs, for every response.
    const noScripts = [{ key: "Content-Security-Policy", value: REFUSAL_POLICY }];
    return [
      { source: "/:path*", headers: FIXED_HEADERS },
      ...READ_ONLY_JSON_ROUTES.map((source) => ({ source, headers: noScripts })),
    ];
  },
};

export default nextConfig;
