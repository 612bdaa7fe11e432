import { readPublicOrigin } from "@/lib/platform/public-origin";

// The programs wing as an OAuth authorization server (docs/decisions/013-signed-access-tokens-for-programs.md):
// where its endpoints are, what it grants, and who its clients are. The metadata route, the token endpoint, the
// access tokens and the docs all read this.

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export const AUTHORIZATION_SERVER = {
  paths: {
    metadata: "/.well-known/oauth-authorization-server",
    token: "/api/v1/token",
    deviceAuthorization: "/api/v1/device",
    deviceApproval: "/account/apps/approve",
    keys: "/.well-known/jwks.json",
  },
  grantTypes: ["refresh_token", DEVICE_CODE_GRANT],
  // Programs are public clients: nothing they hold proves who they are, so none is asked for.
  tokenEndpointAuthMethods: ["none"],
  // Programs need no registration: the client_id one sends is its label in the access tokens it gets, never a
  // credential (the link is). One that sends none is named this.
  defaultClientId: "sessionproof-program",
  clientIdMaxLength: 100,
} as const;

/**
 * The issuer identifier: the public origin, which names the server in its metadata and in every access token's
 * `iss`. Production always has one (PUBLIC_ORIGIN); a development server without it is known by the origin the
 * request reached.
 */
export function issuerFor(requestUrl: string): string {
  // Read once: every program call asks, and the configuration does not change while the server runs.
  configuredOrigin ??= { origin: readPublicOrigin() };
  return configuredOrigin.origin ?? new URL(requestUrl).origin;
}
let configuredOrigin: { origin: string | null } | undefined;

/** A client_id as RFC 6749 allows it (visible ASCII and spaces), short; the default when none was sent. */
export function readClientId(input: unknown): { ok: true; value: string } | { ok: false } {
  if (input === undefined || input === null) return { ok: true, value: AUTHORIZATION_SERVER.defaultClientId };
  if (typeof input !== "string" || input.length === 0) return { ok: false };
  if (input.length > AUTHORIZATION_SERVER.clientIdMaxLength || !/^[\x20-\x7e]+$/.test(input)) return { ok: false };
  return { ok: true, value: input };
}

/** RFC 8414 metadata: enough for a standard client, given only the issuer, to find every endpoint. */
export function authorizationServerMetadata(issuer: string) {
  const { paths } = AUTHORIZATION_SERVER;
  return {
    issuer,
    token_endpoint: `${issuer}${paths.token}`,
    device_authorization_endpoint: `${issuer}${paths.deviceAuthorization}`,
    jwks_uri: `${issuer}${paths.keys}`,
    grant_types_supported: [...AUTHORIZATION_SERVER.grantTypes],
    token_endpoint_auth_methods_supported: [...AUTHORIZATION_SERVER.tokenEndpointAuthMethods],
    // There is no authorization endpoint: programs link on the account page or by the device flow.
    response_types_supported: [],
  };
}
