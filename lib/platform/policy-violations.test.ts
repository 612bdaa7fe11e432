import { describe, expect, it } from "vitest";
import { readPolicyViolation } from "@/lib/platform/policy-violations";

describe("policy violation reports", () => {
  it("read the rule, what was blocked and the page's path, from either kind of report", () => {
    const legacy = {
      "csp-report": {
        "document-uri": "https://sessions.example.com/account?tab=2",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
      },
    };
    expect(readPolicyViolation(legacy)).toEqual({ directive: "script-src-elem", blocked: "inline", page: "/account" });
    const reporting = [
      {
        type: "csp-violation",
        body: {
          documentURL: "https://sessions.example.com/login",
          effectiveDirective: "img-src",
          blockedURL: "https://tracker.example/pixel.gif?user=42",
        },
      },
    ];
    expect(readPolicyViolation(reporting)).toEqual({
      directive: "img-src",
      blocked: "https://tracker.example",
      page: "/login",
    });
  });

  it("refuse what is not a report, and keep only short, plain words from one", () => {
    for (const notAReport of [null, 42, "text", {}, [], [{ type: "deprecation", body: {} }], { "csp-report": {} }]) {
      expect(readPolicyViolation(notAReport)).toBeNull();
    }
    const odd = {
      "csp-report": { "document-uri": "https://x.example/", "violated-directive": "script-src", "blocked-uri": "<b>" },
    };
    expect(readPolicyViolation(odd)).toEqual({ directive: "script-src", blocked: "unknown", page: "/" });
    const injected = { "csp-report": { "document-uri": "https://x.example/", "violated-directive": "a\nb" } };
    expect(readPolicyViolation(injected)).toBeNull();
  });
});
