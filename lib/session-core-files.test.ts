import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectProjectImports } from "@/testing/import-graph";

// The README's "Use it in your own app" lists the files to copy. They must be exactly the session core:
// the data access layer, the proxy and the start-up check, and every project file those import.
const CORE_ENTRIES = [
  ...readdirSync("lib/server/dal")
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => `lib/server/dal/${file}`),
  "proxy.ts",
  "instrumentation.ts",
];

function listedInReadme(): string[] {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.split("<!-- session-core:start -->")[1]?.split("<!-- session-core:end -->")[0];
  if (!section) throw new Error("README.md has lost its session-core markers.");
  return section
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^[\w./-]+\.(tsx?|mjs|cjs)$/.test(line))
    .sort();
}

describe("the README's list of session-core files", () => {
  it("is exactly what the data access layer, the proxy and the start-up check import", () => {
    expect(listedInReadme()).toEqual(collectProjectImports(CORE_ENTRIES));
  });
});
