import { execFileSync } from "node:child_process";
import { request as newRequest, type APIRequestContext } from "@playwright/test";
import { decodeProtectedHeader } from "jose";
import { expect, signUpOverHttp, test } from "./fixtures";
import { startOwnServer } from "./own-server";
import { callMe, expectRefused, linkAndRefresh, refresh } from "./program-api";

// The operator's rotation, step by step, on a server of this test's own that restarts with each new key set
// (the way API_SIGNING_KEYS changes in production): the database survives the restarts, the keys do not.
const PORT = 3105;
const BASE_URL = `http://localhost:${PORT}`;

function signingKeyCommand(args: string[], input?: string): string {
  return execFileSync("npm", ["run", "--silent", "signing-key", "--", ...args], { input, encoding: "utf8" }).trim();
}

const kids = (keySet: string) => (JSON.parse(keySet) as { keys: { kid: string }[] }).keys.map((key) => key.kid);

const startServer = (keySet: string, { keepDatabase }: { keepDatabase: boolean }) =>
  startOwnServer("key-rotation", PORT, { API_SIGNING_KEYS: keySet }, { keepDatabase });

test.describe("signing key rotation", () => {
  test(
    "A new key signs at once, the old one verifies until it is retired, and then its tokens are refused.",
    { tag: ["@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async ({ browser, credentials }) => {
      test.setTimeout(300_000);
      const first = signingKeyCommand(["new"]);
      let server = await startServer(first, { keepDatabase: false });
      let api: APIRequestContext = await newRequest.newContext({ baseURL: BASE_URL });
      const context = await browser.newContext({ baseURL: BASE_URL });
      const page = await context.newPage();
      try {
        await signUpOverHttp(page, credentials);
        const beforeRotation = await linkAndRefresh(page, api, credentials);
        expect(decodeProtectedHeader(beforeRotation.accessToken).kid).toBe(kids(first)[0]);

        // Step 1: a new key in front. It signs from now on; the old one still verifies.
        const rotated = signingKeyCommand(["rotate"], first);
        expect(kids(rotated)).toEqual([expect.any(String), kids(first)[0]]);
        await server.stop();
        server = await startServer(rotated, { keepDatabase: true });
        await api.dispose();
        api = await newRequest.newContext({ baseURL: BASE_URL });
        expect((await callMe(api, beforeRotation.accessToken)).status()).toBe(200);
        const afterRotation = await refresh(api, beforeRotation.refreshToken);
        expect(decodeProtectedHeader(afterRotation.accessToken).kid).toBe(kids(rotated)[0]);
        expect((await callMe(api, afterRotation.accessToken)).status()).toBe(200);
        const published = await (await api.get("/.well-known/jwks.json")).json();
        expect(published.keys.map((key: { kid: string }) => key.kid)).toEqual(kids(rotated));
        expect(JSON.stringify(published)).not.toContain('"d"');

        // Step 2: the old key retired. Its tokens are refused; the new key's keep working.
        const retired = signingKeyCommand(["retire", kids(first)[0]!], rotated);
        await server.stop();
        server = await startServer(retired, { keepDatabase: true });
        await api.dispose();
        api = await newRequest.newContext({ baseURL: BASE_URL });
        await expectRefused(await callMe(api, beforeRotation.accessToken), "a token signed by the retired key");
        expect((await callMe(api, afterRotation.accessToken)).status()).toBe(200);
        const republished = await (await api.get("/.well-known/jwks.json")).json();
        expect(republished.keys.map((key: { kid: string }) => key.kid)).toEqual(kids(retired));
      } finally {
        await context.close();
        await api.dispose();
        await server.stop();
      }
    },
  );
});
