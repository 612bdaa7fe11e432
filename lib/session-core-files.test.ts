import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectProjectImports, readImports, withDeclarations } from "@/testing/import-graph";
import { readCoreCopyList } from "@/scripts/core-copy";

// docs/use-in-your-own-app.md lists the files and the packages a newcomer copies to get sessions. They must be
// exactly the session core: "who is asking" (lib/dal/viewer.ts) and every project file it imports, and the
// packages those import, with Prisma's client and CLI, which the generated client needs.
const CORE_ENTRY = "lib/dal/viewer.ts";
const FRAMEWORK = ["next", "react"];
const FOR_THE_GENERATED_CLIENT = ["@prisma/client", "prisma"];

describe("the list of session-core files and packages", () => {
  it("is exactly what lib/dal/viewer.ts imports, with the type declarations of its plain-JavaScript modules", () => {
    expect(readCoreCopyList("session-core")).toEqual(withDeclarations(collectProjectImports([CORE_ENTRY])));
  });

  it("names exactly the packages the core imports, and Prisma's", () => {
    const imported = collectProjectImports([CORE_ENTRY]).flatMap((file) => readImports(file).packages);
    const needed = [...new Set([...imported, ...FOR_THE_GENERATED_CLIENT])].filter((name) => !FRAMEWORK.includes(name));
    expect(readCoreCopyList("core-packages")).toEqual(needed.sort());
  });

  it("names the type packages our own type check uses for those packages", () => {
    const { devDependencies } = JSON.parse(readFileSync("package.json", "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const types = readCoreCopyList("core-packages")
      .map((name) => `@types/${name}`)
      .filter((name) => name in devDependencies);
    expect(readCoreCopyList("core-dev-packages")).toEqual(types);
  });
});
