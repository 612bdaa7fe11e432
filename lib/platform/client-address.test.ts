import { describe, expect, it } from "vitest";
import { clientAddressFrom, readTrustedProxyCount } from "@/lib/platform/client-address.mjs";

describe("clientAddressFrom", () => {
  it(
    "takes the connection's peer when no proxy is trusted, whatever X-Forwarded-For claims",
    { tags: ["@v5.0.0-4.1.3"] },
    () => {
      expect(clientAddressFrom("203.0.113.9", "198.51.100.7", 0)).toBe("198.51.100.7");
      expect(clientAddressFrom(undefined, "198.51.100.7", 0)).toBe("198.51.100.7");
    },
  );

  it("takes the entry the trusted proxies vouch for, counted from the right", { tags: ["@v5.0.0-4.1.3"] }, () => {
    // The client wrote 203.0.113.66; the one proxy appended the address it saw, 203.0.113.9.
    expect(clientAddressFrom("203.0.113.66, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    // Two proxies: the outer one saw the client, the inner one saw the outer proxy.
    expect(clientAddressFrom("203.0.113.66, 203.0.113.9, 10.0.0.3", "10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddressFrom(["203.0.113.66", "203.0.113.9"], "10.0.0.2", 1)).toBe("203.0.113.9");
  });

  it("falls back towards the trusted side when the chain is short or an entry is not an address", () => {
    expect(clientAddressFrom(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddressFrom("not-an-address", "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddressFrom("203.0.113.9, <script>", "10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("reads an IPv4 peer on a dual-stack socket as plain IPv4, and keeps IPv6", () => {
    expect(clientAddressFrom(undefined, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddressFrom("2001:db8:1:2::1", "::1", 1)).toBe("2001:db8:1:2::1");
    expect(clientAddressFrom(undefined, undefined, 0)).toBeNull();
  });
});

describe("readTrustedProxyCount", () => {
  it("is 0 when unset and reads a small whole number", () => {
    expect(readTrustedProxyCount(undefined)).toBe(0);
    expect(readTrustedProxyCount("")).toBe(0);
    expect(readTrustedProxyCount("2")).toBe(2);
  });

  it("refuses anything else with a message that names the variable", () => {
    for (const value of ["-1", "1.5", "two", "11", " 1", "1e1"]) {
      expect(() => readTrustedProxyCount(value)).toThrow("TRUSTED_PROXY_COUNT must be a whole number from 0 to 10.");
    }
  });
});
