import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { changePassword, expect, signUpOverHttp, test } from "./fixtures";
import {
  callMe,
  expectRefreshRefused,
  expectRefused,
  linkAndRefresh,
  linkProgram,
  postRefresh,
  refresh,
  sha256,
} from "./program-api";

test.describe("linking a program", () => {
  test(
    "A signed-in user links a program after confirming the password and sees its refresh token once.",
    { tag: ["@v5.0.0-7.2.3", "@v4.0.3-3.5.2"] },
    async ({ page, credentials, db }) => {
      await signUpOverHttp(page, credentials);
      await page.goto("/account/apps");
      await page.getByLabel("Program name").fill("Backup script");
      await page.getByLabel("Your password").fill(`${credentials.password}-wrong`);
      await page.getByRole("button", { name: "Link program" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText("Your password is not correct.");
      expect(await db.programLink.count({ where: { user: { email: credentials.email } } })).toBe(0);

      const refreshToken = await linkProgram(page, credentials, "Backup script");
      // 43 base64url characters: 256 random bits. The database holds only the hash.
      const stored = await db.refreshToken.findMany({ where: { link: { user: { email: credentials.email } } } });
      expect(stored.map((row) => row.tokenHash)).toEqual([sha256(refreshToken)]);
      expect(JSON.stringify(stored)).not.toContain(refreshToken);

      await page.reload();
      await expect(page.getByRole("row", { name: /Backup script/ })).toBeVisible();
      await expect(page.getByLabel("Refresh token")).toHaveCount(0);
      expect(await page.content()).not.toContain(refreshToken);
    },
  );

  test(
    "A program gets short-lived Ed25519-signed access tokens, and each refresh replaces its refresh token.",
    { tag: ["@r357", "@v4.0.3-3.5.2", "@v5.0.0-7.2.2", "@v5.0.0-9.2.4"] },
    async ({ page, request, credentials, baseURL }) => {
      await signUpOverHttp(page, credentials);
      const firstRefreshToken = await linkProgram(page, credentials);
      const first = await refresh(request, firstRefreshToken);
      expect(first.refreshToken).not.toBe(firstRefreshToken);

      // Checked the way any third party would: against the published keys, EdDSA only.
      const jwks = createLocalJWKSet(await (await request.get("/.well-known/jwks.json")).json());
      const { payload, protectedHeader } = await jwtVerify(first.accessToken, jwks, {
        algorithms: ["EdDSA"],
        typ: "at+jwt",
        // The issuer is the public origin, as the server's metadata names it (RFC 9068).
        issuer: new URL(baseURL!).origin,
        audience: "sessionproof-api",
      });
      expect(protectedHeader).toEqual({ alg: "EdDSA", typ: "at+jwt", kid: expect.any(String) });
      expect(Object.keys(payload).sort()).toEqual([
        "aud",
        "client_id",
        "exp",
        "iat",
        "iss",
        "jti",
        "nbf",
        "sid",
        "sub",
      ]);
      expect(payload.client_id, "a program that sends no client_id").toBe("sessionproof-program");
      expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);

      const me = await callMe(request, first.accessToken);
      expect(me.status()).toBe(200);
      expect(await me.json()).toMatchObject({ user: { email: credentials.email }, link: { name: "CLI on my laptop" } });

      const second = await refresh(request, first.refreshToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(decodeProtectedHeader(second.accessToken).kid).toBe(protectedHeader.kid);
      expect((await callMe(request, second.accessToken)).status()).toBe(200);
    },
  );

  test(
    "Presenting a used refresh token again ends the whole link, and the owner is told why.",
    { tag: ["@v4.0.3-3.5.3", "@v5.0.0-7.4.1", "@r357"] },
    async ({ page, request, credentials }) => {
      await signUpOverHttp(page, credentials);
      const stolen = await linkProgram(page, credentials);
      const program = await refresh(request, stolen);
      expect((await callMe(request, program.accessToken)).status()).toBe(200);

      // Someone kept a copy of the first refresh token and tries it after the program has used it.
      await expectRefreshRefused(await postRefresh(request, stolen), "the used refresh token");

      await expectRefused(await callMe(request, program.accessToken), "the program's access token");
      await expectRefreshRefused(await postRefresh(request, program.refreshToken), "the refresh token");
      await page.goto("/account/apps");
      await expect(page.getByRole("row", { name: /CLI on my laptop/ })).toContainText(
        "A refresh token was presented a second time",
      );
    },
  );
  test(
    "A refresh token left unused past its lifetime is refused and ends its link, and the owner is told why.",
    { tag: ["@v5.0.0-7.3.1"] },
    async ({ page, request, credentials, db }) => {
      await signUpOverHttp(page, credentials);
      const program = await linkAndRefresh(page, request, credentials, "Forgotten script");
      // As if the program had stayed away for the whole lifetime: the one unused refresh token has run out.
      await db.refreshToken.updateMany({
        where: { tokenHash: sha256(program.refreshToken) },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await expectRefreshRefused(await postRefresh(request, program.refreshToken), "the expired refresh token");
      await expectRefused(await callMe(request, program.accessToken), "an access token of the ended link");
      await page.goto("/account/apps");
      await expect(page.getByRole("row", { name: /Forgotten script/ })).toContainText("its refresh token expired");
    },
  );
});

test.describe("ending a link", () => {
  test(
    "The owner sees each link's last use and address beside the sessions, and ending one stops its tokens at once.",
    { tag: ["@v4.0.3-3.5.1", "@v5.0.0-7.5.2", "@v5.0.0-7.4.1", "@v4.0.3-3.5.3"] },
    async ({ page, request, credentials }) => {
      await signUpOverHttp(page, credentials);
      const program = await linkAndRefresh(page, request, credentials, "Phone app");
      expect((await callMe(request, program.accessToken, { "X-Forwarded-For": "203.0.113.77" })).status()).toBe(200);

      await page.goto("/account/sessions");
      const row = page.getByRole("row", { name: /Phone app/ });
      await expect(row).toContainText("203.0.113.77");
      await expect(row.getByRole("cell").nth(1)).not.toHaveText("never");
      await row.getByRole("button", { name: "End the link of Phone app" }).click();
      await expect(page.getByRole("status")).toContainText("The link has been ended");

      await expectRefused(await callMe(request, program.accessToken), "access token after the link ended");
      await expectRefreshRefused(await postRefresh(request, program.refreshToken), "the refresh token");
      await expect(page.getByRole("row", { name: /Phone app/ })).toContainText("You ended this link.");
    },
  );

  test(
    "Signing out everywhere ends every link as well.",
    { tag: ["@v4.0.3-3.5.1", "@v5.0.0-7.4.1"] },
    async ({ page, request, credentials }) => {
      await signUpOverHttp(page, credentials);
      const program = await linkAndRefresh(page, request, credentials);
      await page.goto("/account/sessions");
      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
      await expectRefused(await callMe(request, program.accessToken), "access token after signing out everywhere");
      await expectRefreshRefused(await postRefresh(request, program.refreshToken), "the refresh token");
    },
  );

  test(
    "A password change ends every link with the other sessions, unless the user keeps them.",
    { tag: ["@v5.0.0-7.4.3", "@v4.0.3-3.5.1"] },
    async ({ page, request, credentials }) => {
      await signUpOverHttp(page, credentials);
      const kept = await linkAndRefresh(page, request, credentials, "Kept program");
      const changeTo = async (newPassword: string, options: { keepOtherSessions: boolean }) => {
        await changePassword(page, credentials.password, newPassword, options);
        credentials.password = newPassword;
      };
      await changeTo(`${credentials.password}-2`, { keepOtherSessions: true });
      await expect(page.getByRole("status")).toContainText("stay signed in");
      expect((await callMe(request, kept.accessToken)).status()).toBe(200);

      await changeTo(`${credentials.password}-3`, { keepOtherSessions: false });
      await expect(page.getByRole("status")).toContainText("1 linked program was unlinked");
      await expectRefused(await callMe(request, kept.accessToken), "access token after the password change");
      await expectRefreshRefused(await postRefresh(request, kept.refreshToken), "the refresh token");
    },
  );

  test(
    "Deleting the account ends its links.",
    { tag: ["@v5.0.0-7.4.2", "@v4.0.3-3.5.1"] },
    async ({ page, request, credentials }) => {
      await signUpOverHttp(page, credentials);
      const program = await linkAndRefresh(page, request, credentials);
      await page.goto("/account/delete");
      await page.getByRole("checkbox", { name: /will be deleted/ }).check();
      await page.getByRole("button", { name: "Delete account" }).click();
      await expect(page.getByRole("status")).toContainText("Your account has been deleted");
      await expectRefused(await callMe(request, program.accessToken), "access token after the account was deleted");
      await expectRefreshRefused(await postRefresh(request, program.refreshToken), "the refresh token");
    },
  );
});
