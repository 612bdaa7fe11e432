import { describe, expect, it } from "vitest";
import { AUTHORIZATION_SERVER, authorizationServerMetadata, readClientId } from "@/lib/programs/authorization-server";

describe("the authorization server's metadata", () => {
  it("names the issuer and puts every endpoint under it", () => {
    const metadata = authorizationServerMetadata("https://sessions.example.com");
    expect(metadata).toMatchObject({
      issuer: "https://sessions.example.com",
      token_endpoint: "https://sessions.example.com/api/v1/token",
      device_authorization_endpoint: "https://sessions.example.com/api/v1/device",
      jwks_uri: "https://sessions.example.com/.well-known/jwks.json",
      token_endpoint_auth_methods_supported: ["none"],
    });
    expect(metadata.grant_types_supported).toEqual(["refresh_token", "urn:ietf:params:oauth:grant-type:device_code"]);
  });
});

describe("a program's client_id", () => {
  it("is what the program sent, or the default when it sent none", () => {
    expect(readClientId("my-cli")).toEqual({ ok: true, value: "my-cli" });
    expect(readClientId(undefined)).toEqual({ ok: true, value: AUTHORIZATION_SERVER.defaultClientId });
  });

  it("is refused when empty, too long, not text or not printable ASCII", () => {
    for (const input of ["", "x".repeat(AUTHORIZATION_SERVER.clientIdMaxLength + 1), ["a"], "line\nbreak", "é"]) {
      expect(readClientId(input), JSON.stringify(input)).toEqual({ ok: false });
    }
  });
});
