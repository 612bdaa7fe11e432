import { FIXED_HEADERS } from "./lib/platform/response-headers.mjs";

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
    // Content-Security-Policy, with a nonce per page, and Strict-Transport-Security come from proxy.ts.
    return [{ source: "/:path*", headers: FIXED_HEADERS }];
  },
};

export default nextConfig;
