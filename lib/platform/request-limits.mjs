// What one request, and one client, may take from the server before it is refused. Plain JavaScript because
// server.mjs applies most of it before Next.js sees a request; proxy.ts applies the body limit too, for a server
// run with `next start`. Types in request-limits.d.mts.
export const REQUEST_LIMITS = {
  // Next.js refuses server-action bodies over 1 MB with a server error; a request that says it is larger is
  // turned away before anything reads it.
  maxBodyBytes: 1024 * 1024,
  // Node refuses request headers beyond 16 KB; raised so an oversized bearer token still reaches the app and gets
  // its ordinary 401. Anything larger is answered 431.
  maxHeaderBytes: 64 * 1024,
  // A client that has not sent its headers within this long, or its whole request within the second, is cut off
  // (408): a slow sender cannot hold a connection for minutes.
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  // How often the server looks for connections past those limits: the cut-off comes at most this much late.
  timeoutCheckIntervalMs: 1_000,
  // A body the server has already answered (too large, or of unknown length) is read and dropped for this long
  // at most, so the answer is not lost in a reset; a sender still going after that is cut off.
  refusedBodyDrainMs: 5_000,
  // Connections one client address may hold open at once when the app faces clients directly (no trusted proxy):
  // a browser opens six or so per site, so this leaves room for a household or an office behind one address.
  maxConnectionsPerAddress: 64,
};
