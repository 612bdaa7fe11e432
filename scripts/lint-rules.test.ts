import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The data access layer is the only door from app/ to the server (docs/decisions/010); ESLint keeps it so.
const eslint = new ESLint();

async function importProblems(filePath: string, specifier: string) {
  const [result] = await eslint.lintText(`import { x } from "${specifier}";\nexport const y = x;\n`, { filePath });
  return result!.messages.filter((message) => message.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the import rules", () => {
  it("refuse app/ any server module outside the data access layer", async () => {
    for (const specifier of ["@/lib/server/session", "@/lib/server/db", "@/lib/server/auth"]) {
      expect(await importProblems("app/account/example.ts", specifier), specifier).toEqual([
        expect.stringContaining("only through the data access layer"),
      ]);
    }
    expect(await importProblems("app/account/example.ts", "@/lib/server/dal/viewer")).toEqual([]);
    expect(await importProblems("lib/server/dal/example.ts", "@/lib/server/session")).toEqual([]);
  });

  it("refuse the template the tests and the proof, and ../ imports anywhere", async () => {
    expect(await importProblems("app/account/example.ts", "@/proof/compliance/registry")).toHaveLength(1);
    expect(await importProblems("app/account/example.ts", "@/testing/temporary-database")).toHaveLength(1);
    expect(await importProblems("lib/server/example.ts", "../session-policy")).toHaveLength(1);
  });
});
