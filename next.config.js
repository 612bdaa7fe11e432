/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native modules stay outside the server bundle.
  serverExternalPackages: ["argon2", "@prisma/adapter-better-sqlite3", "better-sqlite3"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // No framing by other sites (UI redress), no MIME sniffing, no full URLs to other sites.
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
