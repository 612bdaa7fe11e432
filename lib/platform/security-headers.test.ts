import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createScriptNonce, strictTransportSecurity } from "@/lib/platform/security-headers";

describe("security headers", () => {
  it("gives every response its own nonce and no inline allowance", () => {
    const nonce = createScriptNonce();
    expect(nonce).not.toBe(createScriptNonce());
    expect(contentSecurityPolicy(nonce)).toContain(`'nonce-${nonce}'`);
    expect(contentSecurityPolicy(nonce)).not.toContain("unsafe-inline");
  });

  it("sends HSTS for an https public origin only, for a year unless configured, and never when set to 0", () => {
    const https = { PUBLIC_ORIGIN: "https://sessions.example.com" };
    expect(strictTransportSecurity(https)).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity({ ...https, HSTS_MAX_AGE_SECONDS: "600" })).toBe("max-age=600; includeSubDomains");
    expect(strictTransportSecurity({ ...https, HSTS_MAX_AGE_SECONDS: "0" })).toBeNull();
    expect(strictTransportSecurity({ PUBLIC_ORIGIN: "http://localhost:3000" })).toBeNull();
    expect(() => strictTransportSecurity({ ...https, HSTS_MAX_AGE_SECONDS: "a year" })).toThrow("HSTS_MAX_AGE_SECONDS");
  });
});
