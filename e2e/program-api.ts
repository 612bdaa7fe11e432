import { createHash, type JsonWebKey } from "node:crypto";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { decodeJwt } from "jose";
import { accessTokenClaims, signEdDSA } from "@/testing/access-token-forgery";
import { expect, type Credentials } from "./fixtures";

// A program's side of the API, and the page where its owner links it.

export const REFUSAL_BODY = { error: "A valid bearer access token is required." };

/** The key every test server signs access tokens with (playwright.config.ts makes one per run). */
export function serverSigningKey() {
  return (JSON.parse(process.env.E2E_API_SIGNING_KEYS!) as { keys: (JsonWebKey & { kid: string })[] }).keys[0]!;
}

/** Links a program on /account/apps as its owner would, and returns the refresh token the page shows once. */
export async function linkProgram(page: Page, { password }: Credentials, name = "CLI on my laptop") {
  await page.goto("/account/apps");
  await page.getByLabel("Program name").fill(name);
  await page.getByLabel("Your password").fill(password);
  await page.getByRole("button", { name: "Link program" }).click();
  const field = page.getByLabel("Refresh token");
  await expect(field).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  return field.inputValue();
}

/** The owner types the code a program shows (in lower case: the page must not mind) on the approval page. */
export async function enterUserCode(page: Page, userCode: string) {
  await page.goto("/account/apps/approve");
  await page.getByLabel("Code shown by the program").fill(userCode.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
}

export type TokenPair = { accessToken: string; refreshToken: string };

export async function postRefresh(
  request: APIRequestContext,
  refreshToken: string,
  headers: Record<string, string> = {},
) {
  return request.post("/api/v1/token", {
    form: { grant_type: "refresh_token", refresh_token: refreshToken },
    headers,
  });
}

/** Trades a refresh token as a program would; fails the test unless the server hands out a new pair. */
export async function refresh(request: APIRequestContext, refreshToken: string): Promise<TokenPair> {
  const response = await postRefresh(request, refreshToken);
  expect(response.status()).toBe(200);
  const body = await response.json();
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

export function callMe(request: APIRequestContext, accessToken: string, headers: Record<string, string> = {}) {
  return request.get("/api/v1/me", { headers: { Authorization: `Bearer ${accessToken}`, ...headers } });
}

/** A live link's program: its tokens, and the claims a token for it must carry. */
export async function linkAndRefresh(page: Page, request: APIRequestContext, credentials: Credentials, name?: string) {
  const pair = await refresh(request, await linkProgram(page, credentials, name));
  const { sub, sid, iss } = decodeJwt(pair.accessToken);
  return { ...pair, userId: Number(sub), linkPublicId: String(sid), issuer: String(iss) };
}

/** Signs as the server would, with one thing changed by `claims` or `header`: the control for each refusal. */
export type LinkedProgram = { userId: number; linkPublicId: string; issuer: string };

export function signAsServer(link: LinkedProgram, claims: object = {}, header: object = {}) {
  const key = serverSigningKey();
  return signEdDSA({ ...accessTokenClaims(link.userId, link.linkPublicId, link.issuer), ...claims }, key, {
    kid: key.kid,
    typ: "at+jwt",
    ...header,
  });
}

/** The API's one answer to anything but a valid access token of a live link. */
export async function expectRefused(response: APIResponse, what: string) {
  expect(response.status(), what).toBe(401);
  expect(response.headers()["www-authenticate"], what).toMatch(/^Bearer realm="sessionproof"/);
  expect(await response.json(), what).toEqual(REFUSAL_BODY);
}

/** The token endpoint's answer to a refresh token it will not take: RFC 6749's 400 invalid_grant, no challenge. */
export async function expectRefreshRefused(response: APIResponse, what: string) {
  expect(response.status(), what).toBe(400);
  expect(response.headers()["www-authenticate"], what).toBeUndefined();
  expect(await response.json(), what).toMatchObject({ error: "invalid_grant" });
}

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
