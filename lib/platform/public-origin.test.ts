import { describe, expect, it } from "vitest";
import { readPublicOrigin } from "@/lib/platform/public-origin";

describe("readPublicOrigin", () => {
  it("reads an https origin, or plain http on loopback, as its exact origin", () => {
    expect(readPublicOrigin({ PUBLIC_ORIGIN: "https://Sessions.Example.com/" })).toBe("https://sessions.example.com");
    expect(readPublicOrigin({ PUBLIC_ORIGIN: "http://localhost:3000" })).toBe("http://localhost:3000");
  });

  it("is required in production and optional for the development server", () => {
    expect(() => readPublicOrigin({ NODE_ENV: "production" })).toThrow("Set PUBLIC_ORIGIN");
    expect(readPublicOrigin({ NODE_ENV: "development" })).toBeNull();
  });

  it("refuses anything but scheme, host and port, and plain http beyond loopback", () => {
    for (const value of [
      "http://sessions.example.com",
      "https://sessions.example.com/app",
      "https://sessions.example.com?x=1",
      "https://user@sessions.example.com",
      "sessions.example.com",
      "ftp://sessions.example.com",
    ]) {
      expect(() => readPublicOrigin({ PUBLIC_ORIGIN: value }), value).toThrow("PUBLIC_ORIGIN must");
    }
  });
});
