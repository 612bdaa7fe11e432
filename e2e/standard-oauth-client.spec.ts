import { setTimeout as sleep } from "node:timers/promises";
import { decodeJwt } from "jose";
import * as oauth from "oauth4webapi";
import { expect, signUpOverHttp, test } from "./fixtures";
import { enterUserCode } from "./program-api";

// A stock OAuth client (oauth4webapi), given nothing but the server's address: everything else it finds in the
// server's metadata (RFC 8414), and it reads every answer as the RFCs define them.

const client: oauth.Client = { client_id: "stock-client-in-e2e" };
const noSecret = oauth.None();
// The test servers speak plain http on localhost; a deployment's clients would insist on https.
const options = { [oauth.allowInsecureRequests]: true };

/** The client's view of a refusal: the OAuth error code, or the kind of error it raised instead. */
async function refusalOf(attempt: Promise<unknown>) {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) return { error: error.error, status: error.status };
    if (error instanceof oauth.WWWAuthenticateChallengeError) return { challenge: error.cause[0]?.scheme };
    throw error;
  }
  throw new Error("The client expected a refusal and got an answer.");
}

test.describe("a standard OAuth client", () => {
  test("Discovers the endpoints, links by the device flow, calls the API, refreshes, and on a reused refresh token sees invalid_grant and a refused call.", async ({
    page,
    credentials,
    baseURL,
  }) => {
    await signUpOverHttp(page, credentials);
    const issuer = new URL(baseURL!);
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: "oauth2", ...options }),
    );
    expect(as.grant_types_supported).toContain("urn:ietf:params:oauth:grant-type:device_code");
    expect(as.token_endpoint_auth_methods_supported).toEqual(["none"]);

    const device = await oauth.processDeviceAuthorizationResponse(
      as,
      client,
      await oauth.deviceAuthorizationRequest(as, client, noSecret, {}, options),
    );
    const poll = async () =>
      oauth.processDeviceCodeResponse(
        as,
        client,
        await oauth.deviceCodeGrantRequest(as, client, noSecret, device.device_code, options),
      );
    expect(await refusalOf(poll())).toEqual({ error: "authorization_pending", status: 400 });

    // A program that sends no name is shown to its owner by its client_id.
    await enterUserCode(page, device.user_code);
    await expect(page.getByText(`“${client.client_id}” asks to be linked to your account`)).toBeVisible();
    await page.getByLabel("Your password").fill(credentials.password);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status")).toContainText("is linked");

    // Polled as a stock client polls: every `interval` seconds, more slowly when told to.
    let interval = device.interval ?? 5;
    let linked: oauth.TokenEndpointResponse | undefined;
    while (!linked) {
      await sleep(interval * 1000);
      linked = await poll().catch((error: unknown) => {
        if (!(error instanceof oauth.ResponseBodyError) || error.error !== "slow_down") throw error;
        interval += 5;
        return undefined;
      });
    }
    expect(decodeJwt(linked.access_token)).toMatchObject({ iss: as.issuer, client_id: client.client_id });

    const me = await oauth.protectedResourceRequest(
      linked.access_token,
      "GET",
      new URL("/api/v1/me", baseURL),
      undefined,
      undefined,
      options,
    );
    expect(await me.json()).toMatchObject({ user: { email: credentials.email } });

    const refresh = async (refreshToken: string) =>
      oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, noSecret, refreshToken, options),
      );
    const refreshed = await refresh(linked.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(linked.refresh_token);

    // The used one again: RFC 6749's invalid_grant, which a client can act on (link again), and the link has ended.
    expect(await refusalOf(refresh(linked.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
    const call = oauth.protectedResourceRequest(
      refreshed.access_token,
      "GET",
      new URL("/api/v1/me", baseURL),
      undefined,
      undefined,
      options,
    );
    expect(await refusalOf(call)).toEqual({ challenge: "bearer" });
  });
});

test.describe("the token endpoint's refusals", () => {
  test("A request it cannot read is 400 invalid_request, a grant it does not offer is 400 unsupported_grant_type, neither with a Bearer challenge.", async ({
    request,
  }) => {
    const cases: [Record<string, string>, string][] = [
      [{}, "invalid_request"],
      [{ grant_type: "refresh_token" }, "invalid_request"],
      [{ grant_type: "refresh_token", refresh_token: "x", client_id: "line\nbreak" }, "invalid_request"],
      [{ grant_type: "password", username: "someone", password: "guess" }, "unsupported_grant_type"],
      [{ grant_type: "client_credentials" }, "unsupported_grant_type"],
      [{ grant_type: "refresh_token", refresh_token: "never-issued" }, "invalid_grant"],
    ];
    for (const [form, error] of cases) {
      const response = await request.post("/api/v1/token", { form });
      const what = JSON.stringify(form);
      expect(response.status(), what).toBe(400);
      expect(response.headers()["www-authenticate"], what).toBeUndefined();
      expect(await response.json(), what).toMatchObject({ error });
    }
  });

  test("The metadata names the issuer every access token carries, and the endpoints under it.", async ({
    request,
    baseURL,
  }) => {
    const response = await request.get("/.well-known/oauth-authorization-server");
    expect(response.status()).toBe(200);
    const issuer = new URL(baseURL!).origin;
    expect(await response.json()).toEqual({
      issuer,
      token_endpoint: `${issuer}/api/v1/token`,
      device_authorization_endpoint: `${issuer}/api/v1/device`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      grant_types_supported: ["refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
      token_endpoint_auth_methods_supported: ["none"],
      response_types_supported: [],
    });
  });
});
