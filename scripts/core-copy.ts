import { readFileSync } from "node:fs";

// What docs/use-in-your-own-app.md tells a newcomer to copy and install to get sessions, read from its markers.
export const CORE_COPY_PAGE = "docs/use-in-your-own-app.md";

export function readCoreCopyList(
  marker: "session-core" | "core-packages" | "core-dev-packages",
  page = CORE_COPY_PAGE,
): string[] {
  const text = readFileSync(page, "utf8");
  const section = text.split(`<!-- ${marker}:start -->`)[1]?.split(`<!-- ${marker}:end -->`)[0];
  if (!section) throw new Error(`${page} has lost its ${marker} markers.`);
  return section
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("```"))
    .sort();
}
