import http from "node:http";
import { readHiddenFormFields } from "./forms";
import { expect, test } from "./fixtures";

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

  test("A method the app does not use, TRACE included, is refused with 405 and the list of methods it does use.", async ({
    request,
  }) => {
    for (const method of ["TRACE", "PROPFIND", "PURGE", "MKCOL"]) {
      const response = await request.fetch("/login", { method, maxRedirects: 0 });
      expect(response.status(), method).toBe(405);
      expect(response.headers()["allow"], method).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
    }
  });

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
