import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import rules keep the architecture (lib/floors.mjs): app/ reaches the server only through the data access
// layer (docs/decisions/010), each floor of lib/ imports only the floors below it, and only app/ imports the DAL.
const eslint = new ESLint();

async function importProblems(filePath: string, specifier: string) {
  const [result] = await eslint.lintText(`import { x } from "${specifier}";\nexport const y = x;\n`, { filePath });
  return result!.messages.filter((message) => message.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the import rules", () => {
  it("refuse app/ any server module outside the data access layer", async () => {
    for (const specifier of ["@/lib/session/session-store", "@/lib/platform/db", "@/lib/session/current-session"]) {
      expect(await importProblems("app/account/example.ts", specifier), specifier).toEqual([
        expect.stringContaining("only through the data access layer"),
      ]);
    }
    expect(await importProblems("app/account/example.ts", "@/lib/dal/viewer")).toEqual([]);
  });

  it("let app/ share only the listed words and input rules with the server", async () => {
    expect(await importProblems("app/signup/example.ts", "@/lib/sign-in/validation")).toEqual([]);
    expect(await importProblems("app/signup/example.ts", "@/lib/sign-in/validation-extra")).toHaveLength(1);
    expect(await importProblems("app/signup/example.ts", "@/lib/sign-in/throttle")).toHaveLength(1);
  });

  it("keep each floor of lib/ from importing the floors above it", async () => {
    const refused = [
      ["lib/platform/example.ts", "@/lib/session/session-store"],
      ["lib/session/example.ts", "@/lib/activity/security-activity"],
      ["lib/session/example.ts", "@/lib/sign-in/password"],
      ["lib/session/example.test.ts", "@/lib/programs/program-links"],
      ["lib/activity/example.ts", "@/lib/sign-in/throttle"],
      ["lib/programs/example.ts", "@/lib/sign-in/throttle"],
      ["lib/sign-in/example.ts", "@/lib/programs/program-links"],
      ["lib/sign-in/example.ts", "@/lib/operations/cleanup"],
    ];
    for (const [file, specifier] of refused) {
      expect(await importProblems(file!, specifier!), `${file} → ${specifier}`).toEqual([
        expect.stringContaining("imports only from"),
      ]);
    }
    const allowed = [
      ["lib/session/example.ts", "@/lib/platform/db"],
      ["lib/sign-in/example.ts", "@/lib/activity/security-activity"],
      ["lib/programs/example.ts", "@/lib/session/session-token"],
      ["lib/operations/example.ts", "@/lib/programs/device-authorizations"],
      ["lib/dal/example.ts", "@/lib/sign-in/sign-in"],
    ];
    for (const [file, specifier] of allowed) expect(await importProblems(file!, specifier!)).toEqual([]);
  });

  it("keep everything but app/ out of the data access layer", async () => {
    for (const file of ["lib/session/example.ts", "lib/operations/example.ts", "proxy.ts", "scripts/example.mts"]) {
      expect(await importProblems(file, "@/lib/dal/viewer"), file).toHaveLength(1);
    }
  });

  it("refuse the template the tests and the proof, and ../ imports anywhere", async () => {
    expect(await importProblems("app/account/example.ts", "@/proof/compliance/registry")).toHaveLength(1);
    expect(await importProblems("app/account/example.ts", "@/testing/temporary-database")).toHaveLength(1);
    expect(await importProblems("lib/session/example.ts", "@/testing/temporary-database")).toHaveLength(1);
    expect(await importProblems("lib/session/example.test.ts", "@/testing/temporary-database")).toEqual([]);
    expect(await importProblems("lib/session/example.test.ts", "@/proof/compliance/registry")).toHaveLength(1);
    expect(await importProblems("lib/session/example.ts", "../session-policy")).toHaveLength(1);
  });
});
