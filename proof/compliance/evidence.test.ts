import { describe, expect, it } from "vitest";
import { renderEvidence, type CheckEvidence } from "./evidence";

const check = (title: string, pictureBytes: number): CheckEvidence => ({
  title,
  file: "e2e/x.spec.ts",
  outcome: "passed",
  exchanges: [{ request: "GET /login", requestHeaders: {}, status: 200, responseHeaders: {}, body: "x".repeat(100) }],
  exchangesNotKept: 3,
  screenshots: [{ label: "the page", jpegBase64: "A".repeat(pictureBytes) }],
});

describe("the evidence section of a report", () => {
  it("gives each test a section to link to, and says how many exchanges were not kept", () => {
    const html = renderEvidence([check("first", 10), check("<second>", 10)]);
    expect(html).toContain('id="evidence-1"');
    expect(html).toContain('id="evidence-2"');
    expect(html).toContain("&lt;second&gt;");
    expect(html).toContain("3 more exchanges not kept");
  });

  it("stays within its bound: pictures and exchanges past the budget are left out, and it says so", () => {
    const html = renderEvidence([check("first", 600), check("second", 600)], {
      screenshotBytes: 1_000,
      exchangeCharacters: 150,
    });
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html.match(/<details>/g)).toHaveLength(1);
    expect(html).toContain("left out: the report's size is bounded");
    expect(html.length).toBeLessThan(5_000);
  });
});
