/** @type {import('next').NextConfig} */
const nextConfig = { serverExternalPackages: ["better-sqlite3"] };

export default nextConfig;
