import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DECISIONS_FOLDER, readDecisions, renderDecisionsIndex } from "@/scripts/decisions-index";

describe("the index of decision records", () => {
  it("is what the records say today (run npm run docs:decisions after adding or changing one)", () => {
    expect(readFileSync(`${DECISIONS_FOLDER}/README.md`, "utf8")).toBe(renderDecisionsIndex());
  });

  it("says which decision superseded another", () => {
    const proxy = readDecisions().find((decision) => decision.file.startsWith("008-"));
    expect(proxy?.status).toMatch(/^superseded in part by \[015\]/);
  });
});
