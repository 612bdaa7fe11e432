// The HTTP methods the app answers; anything else gets 405 with this list in Allow. Shared by server.mjs,
// which refuses the rest before Next.js sees them, and proxy.ts, which does the same when run without it.
export const ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];
