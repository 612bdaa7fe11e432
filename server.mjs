// The app's HTTP server (`npm start`, the demo and the tests), in place of `next start`, for what `next start`
// cannot be told: the client address must come from the connection unless proxies are trusted
// (TRUSTED_PROXY_COUNT), and the app listens on loopback only unless LISTEN_ADDRESS says otherwise.
// Usage: node server.mjs [--dev]; PORT (3000), LISTEN_ADDRESS (localhost), TRUSTED_PROXY_COUNT (0).
import { createServer } from "node:http";
import { ALLOWED_METHODS } from "./lib/allowed-methods.mjs";
import { BUSY_RETRY_AFTER_SECONDS, holdBusyAnswer } from "./lib/busy-answers.mjs";
import { SERVER_BUSY_MESSAGE } from "./lib/busy-message.mjs";
import { clientAddressFrom, readTrustedProxyCount } from "./lib/client-address.mjs";

const dev = process.argv.includes("--dev");
// Set before Next.js loads: it picks its production or development internals from this.
process.env.NODE_ENV ??= dev ? "development" : "production";

// Node refuses request headers beyond 16 KB with a bare 431. Raised so an oversized bearer token still reaches
// the app and gets its ordinary 401; anything larger than this still stops at Node's parser.
const MAX_HEADER_BYTES = 64 * 1024;

const port = Number(process.env.PORT || 3000);
const listenAddress = process.env.LISTEN_ADDRESS || "localhost";
let trustedProxies;
try {
  trustedProxies = readTrustedProxyCount(process.env.TRUSTED_PROXY_COUNT);
} catch (error) {
  console.error(`Sessionproof cannot start: ${error.message}`);
  process.exit(1);
}

const { default: next } = await import("next");
const app = next({ dev, hostname: listenAddress, port });
const handle = app.getRequestHandler();
await app.prepare();

function handleRequest(request, response) {
  // Next.js answers TRACE with a bare 500 before the app's proxy runs; no method the app does not use gets that far.
  if (!ALLOWED_METHODS.includes(request.method ?? "")) {
    response.writeHead(405, { "Content-Type": "application/json", Allow: ALLOWED_METHODS.join(", ") });
    response.end(JSON.stringify({ error: "Method not allowed." }));
    return;
  }
  // A body of unknown length (chunked) could only be measured by reading it, and Next.js answers one over its
  // 1 MB limit for server actions with a 500. The app's pages always say how long their bodies are; so can any
  // program. Everything else is asked to (the proxy answers a declared length over 1 MB with 413).
  if (request.headers["transfer-encoding"] !== undefined && request.headers["content-length"] === undefined) {
    refuseUnmeasuredBody(request, response);
    return;
  }
  if (isSignInPostWhileBusy(request)) {
    answerBusy(request, response);
    return;
  }
  // Overwritten on every request, so nothing the client wrote survives beyond what a trusted proxy vouches for.
  const address = clientAddressFrom(request.headers["x-forwarded-for"], request.socket.remoteAddress, trustedProxies);
  if (address) request.headers["x-forwarded-for"] = address;
  else delete request.headers["x-forwarded-for"];
  handle(request, response);
}

// The answer goes out at once, before the body is read. The connection is not closed with it: closing a connection
// the client is still sending on resets it, and the client can lose the answer in the reset. Node reads and drops
// the rest of the body; a body still coming after this long ends the connection.
const REFUSED_BODY_DRAIN_MILLISECONDS = 5_000;

function refuseUnmeasuredBody(request, response) {
  const endConnection = setTimeout(() => request.socket.destroy(), REFUSED_BODY_DRAIN_MILLISECONDS);
  request.once("end", () => clearTimeout(endConnection));
  response.writeHead(411, { "Content-Type": "application/json" });
  response.end(JSON.stringify({ error: "Send the request body with a Content-Length header." }));
}

// While the app's password-hashing queue is full (lib/server/password.ts), a sign-in or sign-up post would only be
// told "busy" after Next.js had routed it and rendered a page; here the same answer costs next to nothing, so a
// flood of sign-ins cannot crowd out signed-in requests. The app's forms show this text/plain body as their message.
const SIGN_IN_PAGES = new Set(["/login", "/signup"]);

function isSignInPostWhileBusy(request) {
  if (request.method !== "POST" || !globalThis.sessionproofIsHashingBusy?.()) return false;
  return SIGN_IN_PAGES.has(new URL(request.url ?? "/", "http://localhost").pathname);
}

const nextBusyAnswerAt = new WeakMap();

function answerBusy(request, response) {
  const answer = () => {
    response.writeHead(503, {
      "Content-Type": "text/plain",
      "Retry-After": String(BUSY_RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    });
    response.end(SERVER_BUSY_MESSAGE);
  };
  const hold = holdBusyAnswer(nextBusyAnswerAt, request.socket, Date.now());
  if (hold > 0) setTimeout(answer, hold);
  else answer();
}

// "localhost" means both loopback addresses, so clients that try IPv6 first and those that do not both connect.
const addresses = listenAddress === "localhost" ? ["127.0.0.1", "::1"] : [listenAddress];
const servers = await Promise.all(addresses.map((address, index) => listen(address, index > 0))).catch((error) => {
  console.error(
    `Sessionproof cannot start: cannot listen on ${listenAddress} port ${port} (${error.code ?? error.message}).`,
  );
  process.exit(1);
});
console.log(`Listening on ${addresses.map((address) => `${address}:${port}`).join(" and ")}`);

// A machine without IPv6 has no ::1 to listen on; that is not a reason to stop.
const UNAVAILABLE = new Set(["EADDRNOTAVAIL", "EAFNOSUPPORT"]);

function listen(address, optional) {
  return new Promise((resolve, reject) => {
    const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, handleRequest);
    server.once("error", (error) => (optional && UNAVAILABLE.has(error.code) ? resolve(null) : reject(error)));
    server.listen(port, address, () => resolve(server));
  });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const server of servers) server?.close();
    process.exit(0);
  });
}
