// The app's HTTP server (`npm start`, the demo and the tests), in place of `next start`, for what `next start`
// cannot be told: the client address must come from the connection unless proxies are trusted
// (TRUSTED_PROXY_COUNT), the app listens on loopback only unless LISTEN_ADDRESS says otherwise, and requests that
// are malformed, too large or too slow are answered here, with the app's usual headers, before Next.js sees them
// (lib/platform/request-limits.mjs).
// Usage: node server.mjs [--dev]; PORT (3000), LISTEN_ADDRESS (localhost), TRUSTED_PROXY_COUNT (0).
import { createServer } from "node:http";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
import { ALLOWED_METHODS } from "./lib/platform/allowed-methods.mjs";
import { BUSY_RETRY_AFTER_SECONDS, holdBusyAnswer } from "./lib/platform/busy-answers.mjs";
import { SERVER_BUSY_MESSAGE } from "./lib/platform/busy-message.mjs";
import { clientAddressFrom, readTrustedProxyCount } from "./lib/platform/client-address.mjs";
import { REQUEST_LIMITS } from "./lib/platform/request-limits.mjs";
import { refusalHeaders } from "./lib/platform/response-headers.mjs";
import { logSecurityEvent } from "./lib/platform/security-log.mjs";

const dev = process.argv.includes("--dev");
// Set before Next.js loads: it picks its production or development internals from this.
process.env.NODE_ENV ??= dev ? "development" : "production";

const port = Number(process.env.PORT || 3000);
const listenAddress = process.env.LISTEN_ADDRESS || "localhost";
let trustedProxies;
try {
  trustedProxies = readTrustedProxyCount(process.env.TRUSTED_PROXY_COUNT);
} catch (error) {
  console.error(`Sessionproof cannot start: ${error.message}`);
  process.exit(1);
}
const HEADERS = refusalHeaders();
// Every response carries it: pages, route handlers, files and this server's own answers.
const HSTS = HEADERS["Strict-Transport-Security"];

const { default: next } = await import("next");
const app = next({ dev, hostname: listenAddress, port });
const handle = app.getRequestHandler();
await app.prepare();

function handleRequest(request, response) {
  if (request.socket.refused) {
    request.socket.destroy();
    return;
  }
  if (HSTS) response.setHeader("Strict-Transport-Security", HSTS);
  // Next.js answers TRACE with a bare 500 before the app's proxy runs; no method the app does not use gets that far.
  if (!ALLOWED_METHODS.includes(request.method ?? "")) {
    answer(response, 405, { error: "Method not allowed." }, { Allow: ALLOWED_METHODS.join(", ") });
    return;
  }
  // Files and images are only ever read. These paths skip proxy.ts (its matcher), where the other checks of a
  // posted body are, and Next.js would render a page for any method there.
  if (!READ_METHODS.includes(request.method) && STATIC_PATHS.test(request.url ?? "")) {
    answer(response, 405, { error: "Method not allowed." }, { Allow: READ_METHODS.join(", ") });
    return;
  }
  // Next.js's router cannot decode a path with malformed percent-encoding (/%ff, /%) and answers a bare 500.
  if (!isDecodablePath(request.url)) {
    refuse(request, "malformed path");
    answerPage(response, 400, "That address is not valid", "Check the address, or start again from the home page.");
    return;
  }
  // Next.js answers a client-side navigation whose router state it cannot read with a bare 500; its own check,
  // run here first, gives the client a 400 instead.
  if (!isReadableRouterState(request.headers["next-router-state-tree"])) {
    refuse(request, "unreadable router state");
    answer(response, 400, { error: "The request's router state cannot be read." });
    return;
  }
  // A body of unknown length (chunked) could only be measured by reading it, and Next.js answers one over its
  // 1 MB limit for server actions with a 500. The app's pages always say how long their bodies are; so can any
  // program. Everything else is asked to.
  if (request.headers["transfer-encoding"] !== undefined && request.headers["content-length"] === undefined) {
    answerBeforeBody(request, response, 411, "Send the request body with a Content-Length header.");
    return;
  }
  if (Number(request.headers["content-length"]) > REQUEST_LIMITS.maxBodyBytes) {
    answerBeforeBody(request, response, 413, "The request body is too large.");
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
  // The public origin is configuration (PUBLIC_ORIGIN), never a header. Behind a TLS proxy, Next.js would take
  // X-Forwarded-Proto for the scheme of its own port and fetch a server action's redirect target over https
  // from this plain-http server, which fails.
  delete request.headers["x-forwarded-proto"];
  delete request.headers["x-forwarded-host"];
  handle(request, response);
}

function isDecodablePath(target = "/") {
  const path = target.startsWith("/") ? target.split("?")[0] : null;
  if (path === null) return false;
  if (!path.includes("%")) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

const STATIC_PATHS = /^\/(_next\/static\/|_next\/image|favicon\.ico)/;
const READ_METHODS = ["GET", "HEAD"];

function isReadableRouterState(header) {
  try {
    parseAndValidateFlightRouterState(header);
    return true;
  } catch {
    return false;
  }
}

function answer(response, status, body, headers = {}) {
  response.writeHead(status, { ...HEADERS, "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function answerPage(response, status, title, text) {
  response.writeHead(status, { ...HEADERS, "Content-Type": "text/html; charset=utf-8" });
  response.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Go to the home page</a></p></main></body></html>`,
  );
}

// The answer goes out at once, before the body is read. The connection is not closed with it: closing a connection
// the client is still sending on resets it, and the client can lose the answer in the reset. Node reads and drops
// the rest of the body; a body still coming after a few seconds ends the connection.
function answerBeforeBody(request, response, status, error) {
  const endConnection = setTimeout(() => request.socket.destroy(), REQUEST_LIMITS.refusedBodyDrainMs);
  request.once("end", () => clearTimeout(endConnection));
  answer(response, status, { error });
}

// While the app's password-hashing queue is full (lib/sign-in/password.ts), a sign-in or sign-up post would only be
// told "busy" after Next.js had routed it and rendered a page; here the same answer costs next to nothing, so a
// flood of sign-ins cannot crowd out signed-in requests. The app's forms show this text/plain body as their message.
const SIGN_IN_PAGES = new Set(["/login", "/signup"]);

function isSignInPostWhileBusy(request) {
  if (request.method !== "POST" || !globalThis.sessionproofIsHashingBusy?.()) return false;
  return SIGN_IN_PAGES.has(new URL(request.url ?? "/", "http://localhost").pathname);
}

const nextBusyAnswerAt = new WeakMap();

function answerBusy(request, response) {
  const send = () => {
    response.writeHead(503, {
      ...HEADERS,
      "Content-Type": "text/plain",
      "Retry-After": String(BUSY_RETRY_AFTER_SECONDS),
    });
    response.end(SERVER_BUSY_MESSAGE);
  };
  const hold = holdBusyAnswer(nextBusyAnswerAt, request.socket, Date.now());
  if (hold > 0) setTimeout(send, hold);
  else send();
}

function refuse(request, reason) {
  logSecurityEvent("malformed-request-refused", {
    ipAddress: clientAddressFrom(request.headers["x-forwarded-for"], request.socket.remoteAddress, trustedProxies),
    // The path alone: a query is the client's to keep.
    path: String(request.url ?? "")
      .split("?")[0]
      .slice(0, 100),
    reason,
  });
}

// What Node's parser cannot read never reaches handleRequest. Node would answer a bare 400, 408 or 431; this gives
// the same answers with the app's headers, and logs them.
const CLIENT_ERRORS = {
  HPE_HEADER_OVERFLOW: [431, "The request's headers are too large."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "The request took too long to arrive."],
  ERR_HTTP_REQUEST_HEADER_TIMEOUT: [408, "The request took too long to arrive."],
};

function answerClientError(error, socket) {
  const answered = socket._httpMessage?.headersSent;
  if (socket.refused || !socket.writable || answered || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const [status, message] = CLIENT_ERRORS[error.code] ?? [400, "The request could not be read."];
  logSecurityEvent(status === 408 ? "slow-request-cut-off" : "malformed-request-refused", {
    ipAddress: clientAddressFrom(undefined, socket.remoteAddress, 0),
    reason: error.code ?? "unreadable request",
  });
  socket.end(rawAnswer(status, { "Content-Type": "application/json", Connection: "close" }, { error: message }));
}

const STATUS_TEXT = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
  503: "Service Unavailable",
};

function rawAnswer(status, headers, body) {
  const text = JSON.stringify(body);
  const lines = Object.entries({ ...HEADERS, ...headers, "Content-Length": Buffer.byteLength(text) });
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n${text}`;
}

// Facing clients directly, one address may hold only so many connections: the one past the limit is answered 503
// and closed at once, before it can send anything. Behind trusted proxies every connection comes from a proxy,
// which limits its own clients (docs/configuration-and-production.md).
const openConnections = new Map();

function limitConnectionsPerAddress(socket) {
  const address = socket.remoteAddress ?? "unknown";
  const open = (openConnections.get(address) ?? 0) + 1;
  if (open > REQUEST_LIMITS.maxConnectionsPerAddress) {
    socket.refused = true;
    logSecurityEvent("connection-refused", {
      ipAddress: clientAddressFrom(undefined, address, 0),
      reason: `more than ${REQUEST_LIMITS.maxConnectionsPerAddress} open`,
    });
    const body = { error: "Too many connections from your address. Close some, then try again." };
    socket.end(rawAnswer(503, { "Content-Type": "application/json", "Retry-After": "5", Connection: "close" }, body));
    return;
  }
  openConnections.set(address, open);
  socket.once("close", () => {
    const left = openConnections.get(address) - 1;
    if (left > 0) openConnections.set(address, left);
    else openConnections.delete(address);
  });
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
    const server = createServer(
      {
        maxHeaderSize: REQUEST_LIMITS.maxHeaderBytes,
        headersTimeout: REQUEST_LIMITS.headersTimeoutMs,
        requestTimeout: REQUEST_LIMITS.requestTimeoutMs,
        connectionsCheckingInterval: REQUEST_LIMITS.timeoutCheckIntervalMs,
      },
      handleRequest,
    );
    server.on("clientError", answerClientError);
    if (trustedProxies === 0) server.prependListener("connection", limitConnectionsPerAddress);
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
