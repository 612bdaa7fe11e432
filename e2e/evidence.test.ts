import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ExchangeLog, EVIDENCE_LIMITS, redact } from "./evidence";

const seal = `Fe26.2*1*${"a".repeat(43)}*${"b".repeat(22)}*${"c".repeat(43)}*1765000000000*${"d".repeat(43)}*${"e".repeat(43)}~2`;
const jwt = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
const refreshToken = randomBytes(32).toString("base64url");

describe("the evidence a check keeps", () => {
  it("replaces seals, JWTs, 256-bit tokens and the known password wherever they appear", () => {
    const text = `cookie ${seal}; bearer ${jwt}; refresh_token=${refreshToken}; password=hunter2-secret`;
    const redacted = redact(text, ["hunter2-secret"]);
    for (const secret of [seal, jwt, refreshToken, "hunter2-secret"]) expect(redacted).not.toContain(secret);
    expect(redacted).toContain("[redacted]");
  });

  it("keeps a cookie's attributes but never its value, and no authorization header's credentials", () => {
    const log = new ExchangeLog([]);
    log.record(
      "GET",
      "/api/session",
      { cookie: `__Host-session=${seal}`, authorization: `Bearer ${jwt}` },
      {
        status: 200,
        headers: { "set-cookie": [`__Host-session=${seal}; Path=/; Secure; HttpOnly; SameSite=lax`] },
        text: JSON.stringify({ access_token: jwt }),
      },
    );
    const kept = JSON.stringify(log.exchanges);
    expect(kept).not.toContain(seal);
    expect(kept).not.toContain(jwt);
    expect(log.exchanges[0]!.responseHeaders["set-cookie"]).toBe(
      "__Host-session=[redacted]; Path=/; Secure; HttpOnly; SameSite=lax",
    );
    expect(log.exchanges[0]!.requestHeaders.authorization).toBe("Bearer [redacted]");
  });

  it("keeps at most the limit of exchanges and counts the rest", () => {
    const log = new ExchangeLog([]);
    const answer = { status: 200, headers: {}, text: "x".repeat(5000) };
    for (let i = 0; i < EVIDENCE_LIMITS.exchangesPerCheck + 5; i++) log.record("GET", "/", {}, answer);
    expect(log.exchanges).toHaveLength(EVIDENCE_LIMITS.exchangesPerCheck);
    expect(log.exchanges[0]!.body).toHaveLength(EVIDENCE_LIMITS.bodyCharacters);
  });
});
