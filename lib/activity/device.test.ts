import { describe, expect, it } from "vitest";
import { compareLastUse, describeDevice } from "@/lib/activity/device";
import { networkPrefix } from "@/lib/platform/ip-address";

describe("describing a session's device", () => {
  it("names browser, major version, system and kind of device", () => {
    expect(
      describeDevice(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome 131 on Windows 10 (desktop)");
    expect(
      describeDevice(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari 17 on iOS 17.5 (mobile)");
    expect(describeDevice("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).toBe(
      "Firefox 133 on Linux (desktop)",
    );
  });

  it("copes with a missing or meaningless user agent", () => {
    expect(describeDevice(null)).toBe("Unknown device");
    expect(describeDevice("curl/8.5.0")).toMatch(/on an unknown system$/);
  });
});

describe("comparing a session's last use with its sign-in", () => {
  const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
  const iphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

  it("marks another device, and an address in another broad network, but not a new address nearby", () => {
    const signIn = { ipAddress: "203.0.113.9", userAgent: firefox };
    expect(compareLastUse(signIn, { ipAddress: "203.44.1.2", userAgent: firefox })).toEqual({
      otherDevice: false,
      otherNetwork: false,
    });
    expect(compareLastUse(signIn, { ipAddress: "198.51.100.7", userAgent: iphone })).toEqual({
      otherDevice: true,
      otherNetwork: true,
    });
    expect(compareLastUse(signIn, { ipAddress: "2001:db8::1", userAgent: firefox }).otherNetwork).toBe(true);
  });

  it("counts networks by whole groups of an address", () => {
    expect(networkPrefix("2001:db8:abcd:12::1", 32, 64)).toBe("2001:db8:abcd:12::/64");
    expect(networkPrefix("2001:0db8::1", 8, 32)).toBe("2001:db8::/32");
    expect(networkPrefix("203.0.113.9", 8, 32)).toBe("203/8");
    expect(networkPrefix("not an address", 8, 32)).toBeNull();
  });
});
