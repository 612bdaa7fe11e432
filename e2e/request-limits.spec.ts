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

  test("A method the app does not use is refused with 405 and the list of methods it does use.", async ({
    request,
  }) => {
    for (const method of ["PROPFIND", "PURGE", "MKCOL"]) {
      const response = await request.fetch("/login", { method, maxRedirects: 0 });
      expect(response.status(), method).toBe(405);
      expect(response.headers()["allow"], method).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
    }
  });
});
