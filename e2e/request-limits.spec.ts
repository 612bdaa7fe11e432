import http from "node:http";
import { randomBytes } from "node:crypto";
import { REQUEST_LIMITS } from "@/lib/platform/request-limits.mjs";
import { READ_ONLY_JSON_ROUTES } from "@/lib/platform/response-headers.mjs";
import { readHiddenFormFields } from "./forms";
import { expect, loggedEvents, signUpOverHttp, test } from "./fixtures";
import { rawExchange, rawHeader } from "./raw-http";

// Generous on purpose: a cut-off is due within a second of its limit, and a busy machine may add a few more.
const CUT_OFF_MARGIN_MS = 10_000;

test.describe("request limits", () => {
  test("A body over 1 MB is turned away with 413 before anything reads it, on pages, actions and the API.", async ({
    request,
    baseURL,
  }) => {
    const body = "a".repeat(2 * 1024 * 1024);
    for (const path of ["/login", "/account/password", "/api/v1/token", "/auth/sign-out"]) {
      const response = await request.post(path, {
        data: body,
        headers: { Origin: baseURL!, "Content-Type": "text/plain;charset=UTF-8" },
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(413);
      expect(await response.json(), path).toEqual({ error: "The request body is too large." });
    }
  });

  test("A body of unknown length (chunked) is refused with 411 at once, whatever it holds and however large.", async ({
    baseURL,
  }) => {
    const fields = readHiddenFormFields(await (await fetch(`${baseURL}/login`)).text());
    const actionId = (JSON.parse(fields["$ACTION_1:0"]!) as { id: string }).id;
    const large = `["$K1", "${"a".repeat(2 * 1024 * 1024)}"]`;
    // The answer comes while the client is still sending. A server that closed the connection with it would reset
    // the connection under the client, and the answer would sometimes be lost: a few in a hundred, so many tries.
    const largeTries = Array.from({ length: 30 }, () => ["/login", large] as const);
    for (const [path, body] of [
      ...largeTries,
      ["/login", '[{}, "$K1"]'],
      ["/api/v1/token", "grant_type=refresh_token"],
    ] as const) {
      const response = await postChunked(new URL(path, baseURL), body, { "Next-Action": actionId });
      expect(response.status, path).toBe(411);
      expect(JSON.parse(response.body), path).toEqual({ error: "Send the request body with a Content-Length header." });
    }
  });

  test("A body declared over 1 MB is answered 413 before the server has read it, and the sender is cut off within seconds.", async ({
    baseURL,
  }) => {
    const declared = 10 * 1024 * 1024;
    // Headers and a first kilobyte only: the answer must not wait for the other ten megabytes.
    const answer = await rawExchange(
      baseURL!,
      `POST /login HTTP/1.1\r\nHost: localhost\r\nOrigin: ${baseURL}\r\nContent-Type: text/plain\r\nContent-Length: ${declared}\r\n\r\n${"a".repeat(1024)}`,
      { until: (text) => text.includes("\r\n\r\n") },
    );
    expect(answer.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
    expect(rawHeader(answer, "x-content-type-options")).toBe("nosniff");
  });

  test("A client that sends its headers or its body too slowly is cut off with 408 within seconds, not minutes.", async ({
    baseURL,
  }) => {
    const [slowHeaders, slowBody] = await Promise.all([
      rawExchange(baseURL!, "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Slow: "),
      rawExchange(
        baseURL!,
        `POST /login HTTP/1.1\r\nHost: localhost\r\nOrigin: ${baseURL}\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n0123456789`,
      ),
    ]);
    expect(slowHeaders.statusLine).toBe("HTTP/1.1 408 Request Timeout");
    expect(slowHeaders.closedAfterMs).toBeLessThan(REQUEST_LIMITS.headersTimeoutMs + CUT_OFF_MARGIN_MS);
    expect(slowBody.statusLine).toBe("HTTP/1.1 408 Request Timeout");
    expect(slowBody.closedAfterMs).toBeLessThan(REQUEST_LIMITS.requestTimeoutMs + CUT_OFF_MARGIN_MS);
    expect(rawHeader(slowBody, "x-frame-options")).toBe("DENY");
  });

  test(
    "A path with malformed percent-encoding gets a 400 page with the usual headers, never a 500, and is logged once.",
    { tag: ["@v5.0.0-3.4.4", "@v5.0.0-3.4.6"] },
    async ({ page, request, credentials }) => {
      const id = randomBytes(4).toString("hex");
      const paths = [
        `/account/sessions/%ff${id}`,
        `/%zz${id}`,
        `/api/session/%c0%af${id}`,
        `/account/sessions/%E2%82${id}`,
      ];
      const expectBadAddress = async (
        response: { status(): number; headers(): Record<string, string>; text(): Promise<string> },
        path: string,
      ) => {
        expect(response.status(), path).toBe(400);
        const headers = response.headers();
        expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
        expect(headers["x-content-type-options"], path).toBe("nosniff");
        expect(headers["content-type"], path).toContain("text/html");
        expect(await response.text(), path).toContain("That address is not valid");
      };
      for (const path of paths) await expectBadAddress(await request.get(path), path);
      // One line per request (a flood is capped per client address, lib/platform/security-log.mjs).
      const logged = (path: string) =>
        loggedEvents("app").filter((line) => line.event === "malformed-request-refused" && line.path === path);
      await expect.poll(() => paths.map((path) => logged(path).length)).toEqual(paths.map(() => 1));
      await signUpOverHttp(page, credentials);
      for (const path of paths) await expectBadAddress(await page.request.get(path), path);
    },
  );

  test("A form post whose multipart body cannot be parsed, or a navigation whose router state cannot, is answered 400, never 500.", async ({
    request,
    baseURL,
  }) => {
    for (const path of ["/login", "/account", "/account/password"]) {
      for (const contentType of ["multipart/form-data; boundary=x", "multipart/form-data"]) {
        const response = await request.post(path, {
          data: "not a multipart body",
          headers: { Origin: baseURL!, "Content-Type": contentType },
          maxRedirects: 0,
        });
        expect(response.status(), `${path} ${contentType}`).toBe(400);
        expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
      }
    }
    const refusedPaths = () =>
      loggedEvents("app")
        .filter((line) => line.event === "malformed-request-refused" && line.reason === "unreadable form")
        .map((line) => line.path);
    await expect.poll(refusedPaths).toContain("/login");
    for (const path of ["/no-such-page", "/favicon.ico", "/login", "/account/sessions/abc"]) {
      for (const tree of ["%7B", encodeURIComponent(JSON.stringify([1, 2])), "x".repeat(50_000)]) {
        const response = await request.get(path, { headers: { RSC: "1", "Next-Router-State-Tree": tree } });
        expect(response.status(), `${path} ${tree.slice(0, 20)}`).toBe(400);
      }
    }
  });

  test(
    "A method the app does not use, TRACE included, is refused with 405 and the list of methods it does use; files, images and the read-only JSON routes take only reads.",
    { tag: ["@v5.0.0-4.1.4"] },
    async ({ request, baseURL }) => {
      for (const method of ["TRACE", "PROPFIND", "PURGE", "MKCOL"]) {
        const response = await request.fetch("/login", { method, maxRedirects: 0 });
        expect(response.status(), method).toBe(405);
        expect(response.headers()["allow"], method).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
      }
      // Files and images are only read; the paths that serve them take nothing else.
      for (const path of ["/favicon.ico", "/_next/static/chunks/any.js", "/_next/image?url=%2Fx&w=16&q=75"]) {
        for (const method of ["POST", "PUT", "DELETE"]) {
          const response = await request.fetch(path, { method, data: "x", headers: { Origin: baseURL! } });
          expect(response.status(), `${method} ${path}`).toBe(405);
          expect(response.headers()["allow"], `${method} ${path}`).toBe("GET, HEAD");
        }
      }
      // The read-only JSON routes skip the proxy and its origin check (decision 027): they must only read.
      for (const path of READ_ONLY_JSON_ROUTES) {
        for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
          const response = await request.fetch(path, { method, data: "x", headers: { Origin: baseURL! } });
          expect(response.status(), `${method} ${path}`).toBe(405);
        }
      }
    },
  );

  test("A server action called with arguments no form of the app would send is answered 400, never 500.", async ({
    request,
    baseURL,
  }) => {
    const fields = readHiddenFormFields(await (await request.get("/login")).text());
    const actionId = (JSON.parse(fields["$ACTION_1:0"]!) as { id: string }).id;
    const call = (body: { data?: string; multipart?: Record<string, string> }) =>
      request.post("/login", { headers: { Origin: baseURL!, "Next-Action": actionId }, maxRedirects: 0, ...body });

    const malformed = [
      call({ data: "not json at all" }),
      call({ data: '{"a":1}' }),
      call({ data: "[1,2]" }),
      call({ multipart: { "0": "[{}, 42]" } }),
      call({ multipart: { "0": "{broken" } }),
      call({ multipart: { email: "a@example.test" } }),
      // Too few arguments: the sign-in action reads its form, so its form must be sent.
      call({ data: "[]" }),
      call({ multipart: { "0": '["$K1"]', "1_email": "" } }),
    ];
    for (const response of await Promise.all(malformed)) {
      expect(response.status()).toBe(400);
      expect(await response.text()).toBe("Invalid Server Action request.");
    }
    // A call in the shape the page's script sends reaches the action, which answers as a server action does.
    const wellFormed = await call({ multipart: { "0": '[{}, "$K1"]', "1_email": "", "1_password": "" } });
    expect(wellFormed.status()).toBe(200);
    expect(wellFormed.headers()["content-type"]).toContain("text/x-component");
  });
});

/** Node's fetch and Playwright both send a Content-Length; a plain HTTP request can leave it out. */
function postChunked(url: URL, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: {
        ...headers,
        Origin: url.origin,
        "Content-Type": "text/plain;charset=UTF-8",
        "Transfer-Encoding": "chunked",
      },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    // The server may answer and close before the whole body is sent; that is the point.
    request.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
    );
    // Only once the answer was read does this come too late to matter.
    request.on("close", () => reject(new Error("the connection closed without an answer")));
    for (let offset = 0; offset < body.length; offset += 64 * 1024)
      request.write(body.slice(offset, offset + 64 * 1024));
    request.end();
  });
}
