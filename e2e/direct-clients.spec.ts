import net from "node:net";
import { request as newRequestContext } from "@playwright/test";
import { createDatabaseClient } from "@/lib/platform/database-client";
import { REQUEST_LIMITS } from "@/lib/platform/request-limits.mjs";
import { expect, newClientAddress, test, type Credentials } from "./fixtures";
import { readHiddenFormFields } from "./forms";
import { startOwnServer } from "./own-server";
import { rawExchange, rawHeader } from "./raw-http";
import { serverDatabase } from "./test-servers";

// A server deployed as production runs it: an https public origin (behind TLS), and clients connecting to it
// directly, with no proxy trusted. The other test servers are plain http on localhost and trust one proxy, the
// part the tests play. The tests share one server, so they run one after another; the last one compares a server
// behind that one proxy.
const NAME = "direct-clients";
const PORT = 3109;
const PUBLIC_ORIGIN = `https://localhost:${PORT}`;
const YEAR_SECONDS = 365 * 24 * 3600;

test.describe.configure({ mode: "serial" });

let server: Awaited<ReturnType<typeof startOwnServer>>;
test.beforeAll(async () => {
  server = await startOwnServer(NAME, PORT, { TRUSTED_PROXY_COUNT: "0", PUBLIC_ORIGIN }, { keepDatabase: false });
});
test.afterAll(async () => server?.stop());

test.describe("a server facing its clients directly, behind TLS", () => {
  test(
    "Every kind of response carries Strict-Transport-Security for a year with subdomains, the server's own refusals included.",
    { tag: ["@v5.0.0-3.4.1", "@v5.0.0-3.4.4"] },
    async () => {
      const client = await newRequestContext.newContext({ baseURL: server.baseURL });
      const login = await client.get("/login");
      const responses = {
        page: login,
        "JSON from a route handler": await client.get("/api/session"),
        "not found": await client.get("/no-such-page"),
        "method refused by server.mjs": await client.fetch("/login", { method: "TRACE" }),
        "malformed path refused by server.mjs": await client.get("/%zz"),
        "a file": await client.get(/src="(\/_next\/static\/[^"]+\.js)"/.exec(await login.text())![1]!),
      };
      const hstsOf = (value: string | undefined) => /^max-age=(\d+); includeSubDomains$/.exec(value ?? "");
      for (const [kind, response] of Object.entries(responses)) {
        const hsts = hstsOf(response.headers()["strict-transport-security"]);
        expect(hsts, kind).not.toBeNull();
        expect(Number(hsts![1]), kind).toBeGreaterThanOrEqual(YEAR_SECONDS);
        expect(response.headers()["x-content-type-options"], kind).toBe("nosniff");
      }
      await client.dispose();
      const tooLarge = await rawExchange(
        server.baseURL,
        `POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`,
        { until: (text) => text.includes("\r\n\r\n") },
      );
      expect(tooLarge.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
      expect(Number(hstsOf(rawHeader(tooLarge, "strict-transport-security"))?.[1])).toBeGreaterThanOrEqual(
        YEAR_SECONDS,
      );
    },
  );

  test(
    "With no proxy trusted, an X-Forwarded-For the client writes is ignored: the session records the connection's address.",
    { tag: ["@v5.0.0-4.1.3"] },
    async ({ credentials }) => {
      await signUpWithForgedAddress(server.baseURL, credentials, "203.0.113.250");
      expect(await recordedSignInAddress(credentials)).toBe("127.0.0.1");
    },
  );

  test("One address holds only so many connections: the next is answered 503 at once, and served again once some close.", async () => {
    const held: net.Socket[] = [];
    try {
      for (let open = 0; open < REQUEST_LIMITS.maxConnectionsPerAddress; open++)
        held.push(await connect(server.baseURL));
      const refused = await rawExchange(server.baseURL, "GET /login HTTP/1.1\r\nHost: localhost\r\n\r\n");
      expect(refused.statusLine).toBe("HTTP/1.1 503 Service Unavailable");
      expect(rawHeader(refused, "retry-after")).toBeDefined();
      for (const socket of held.splice(0)) socket.destroy();
      await expect.poll(async () => (await fetch(`${server.baseURL}/login`)).status).toBe(200);
    } finally {
      for (const socket of held) socket.destroy();
    }
  });
});

test.describe("a server behind one trusted proxy", () => {
  test(
    "Only the X-Forwarded-For entry the trusted proxy appended is believed; what the client wrote before it is ignored.",
    { tag: ["@v5.0.0-4.1.3"] },
    async ({ baseURL, credentials, db }) => {
      // The test plays the proxy (playwright.config.ts): it appends the address it saw after the client's own.
      const seenByProxy = newClientAddress();
      await signUpWithForgedAddress(baseURL!, credentials, `203.0.113.251, ${seenByProxy}`, new URL(baseURL!).origin);
      const row = await db.session.findFirstOrThrow({ where: { user: { email: credentials.email } } });
      expect(row.ipAddress).toBe(seenByProxy);
    },
  );
});

/** Signs up over HTTP with an X-Forwarded-For of the client's own making. */
async function signUpWithForgedAddress(
  baseURL: string,
  { email, password }: Credentials,
  forged: string,
  origin = PUBLIC_ORIGIN,
) {
  const client = await newRequestContext.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": forged } });
  const form = await client.get("/signup");
  const response = await client.post("/signup", {
    multipart: { ...readHiddenFormFields(await form.text()), email, password, confirmPassword: password },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(response.status(), "signing up redirects to the account").toBe(303);
  await client.dispose();
}

/** The address this server recorded for the account's first session. */
async function recordedSignInAddress({ email }: Credentials) {
  const db = createDatabaseClient({ target: serverDatabase(NAME), poolSize: 1 });
  try {
    return (await db.session.findFirstOrThrow({ where: { user: { email } } })).ipAddress;
  } finally {
    await db.$disconnect();
  }
}

/** An open connection that sends nothing, held until the test closes it. */
function connect(url: string) {
  return new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect(Number(new URL(url).port), "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}
