import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPolicyTable, withCurrentPolicyTable } from "./session-policy-table";

describe("the session policy document", () => {
  const document = readFileSync("docs/session-policy.md", "utf8");

  it("carries the table generated from lib/session-policy.ts (run npm run docs:policy after changing it)", () => {
    expect(withCurrentPolicyTable(document)).toBe(document);
  });

  it("states the defaults in words and seconds", () => {
    expect(renderPolicyTable()).toContain("| Idle timeout | 30 minutes (1800 s) | `SESSION_IDLE_TIMEOUT_SECONDS` |");
    expect(renderPolicyTable()).toContain(
      "| Absolute timeout | 12 hours (43200 s) | `SESSION_ABSOLUTE_TIMEOUT_SECONDS` |",
    );
  });
});
