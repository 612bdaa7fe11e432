import { describe, expect, it } from "vitest";
import { normalizeUserCode } from "./device-authorizations";

describe("user codes of the device flow", () => {
  it("read the same however the user types them", () => {
    for (const typed of ["BCDF-GHJK", "bcdfghjk", " bcdf ghjk ", "Bcdf-Ghjk"]) {
      expect(normalizeUserCode(typed)).toBe("BCDF-GHJK");
    }
  });

  it("refuse vowels, digits and the wrong length before any lookup", () => {
    for (const typed of ["ABCD-EFGH", "BCDF-GHJ1", "BCDF-GHJ", "BCDF-GHJKL", "", "' OR 1=1 --"]) {
      expect(normalizeUserCode(typed)).toBeNull();
    }
  });
});
