import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPolicyTable, withCurrentPolicyTable } from "./session-policy-table";

describe("the session policy document", () => {
  const document = readFileSync("docs/session-policy.md", "utf8");

  it("carries the table generated from lib/session/session-policy.ts (run npm run docs:policy after changing it)", () => {
    expect(withCurrentPolicyTable(document)).toBe(document);
  });

  it("states the defaults in words and seconds, and the range each setting accepts", () => {
    const rows = renderPolicyTable()
      .split("\n")
      .map((row) => row.split("|").map((cell) => cell.trim()));
    expect(rows).toContainEqual([
      "",
      "Idle timeout",
      "30 minutes (1800 s)",
      "5 to 2592000 s, at most the absolute timeout",
      "`SESSION_IDLE_TIMEOUT_SECONDS`",
      "",
    ]);
    expect(rows).toContainEqual([
      "",
      "Absolute timeout",
      "12 hours (43200 s)",
      "5 to 2592000 s",
      "`SESSION_ABSOLUTE_TIMEOUT_SECONDS`",
      "",
    ]);
  });
});
