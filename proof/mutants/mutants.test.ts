import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Mutant = { id: string; edits: { file: string; find: string }[] };
const { mutants } = JSON.parse(readFileSync("proof/mutants/mutants.json", "utf8")) as { mutants: Mutant[] };

// A mutant whose text no longer appears would break nothing, and its "caught" would prove nothing.
describe("the mutants", () => {
  it("each find the exact text they change, once, in today's code", () => {
    const stale = mutants.flatMap((mutant) =>
      mutant.edits
        .filter((edit) => readFileSync(edit.file, "utf8").split(edit.find).length !== 2)
        .map((edit) => `${mutant.id}: ${edit.file}`),
    );
    expect(stale).toEqual([]);
  });
});
