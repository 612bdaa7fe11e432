import { describe, expect, it } from "vitest";
import { checkProgramName } from "@/lib/programs/program-name";

describe("program names", () => {
  it("are trimmed, one line and at most 60 characters", () => {
    expect(checkProgramName("  CLI on my laptop ")).toEqual({ ok: true, value: "CLI on my laptop" });
    expect(checkProgramName("é".repeat(60))).toMatchObject({ ok: true });
    for (const refused of ["", "   ", "x".repeat(61), "two\nlines", "tab\there", null, 42]) {
      expect(checkProgramName(refused)).toMatchObject({ ok: false });
    }
  });
});
