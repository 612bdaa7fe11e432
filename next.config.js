// Server actions may be called from the public origin's host only. proxy.ts has already compared the whole
// origin with PUBLIC_ORIGIN; this keeps Next.js's own check from widening it. A malformed value is reported
// by the server's configuration check (lib/server/configuration.ts), so it is ignored here.
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
    return [
      {
        source: "/:path*",
        headers: [
          // No framing by other sites (UI redress), no MIME sniffing, no full URLs to other sites. The
          // Content-Security-Policy, with a nonce per page, and Strict-Transport-Security come from proxy.ts.
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          // No other site's window keeps a handle on ours, and no other site may embed our resources.
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          // Nothing here needs the camera, the microphone, the location or payments; no page may ask.
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
          },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
