import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLOORS, SHARED_WITH_APP } from "@/lib/floors.mjs";
import {
  collectProjectImports,
  findImportCircles,
  listProjectFiles,
  readImports,
  withDeclarations,
} from "@/testing/import-graph";

// The architecture, checked on the whole import graph (dynamic imports included, which lint rules do not see).

const listFiles = (directory: string) => listProjectFiles(directory, /^(?!.*\.d\.mts$).*\.(ts|tsx|mts|mjs|cjs)$/);
const floorOf = (file: string) => /^lib\/([\w-]+)\//.exec(file)?.[1] as keyof typeof FLOORS | undefined;

// "Who is asking" and everything it loads: what a newcomer copies to have sessions at all.
const CORE_ENTRY = "lib/dal/viewer.ts";
const CORE_LIMITS = { files: 20, lines: 1600 };
const NOT_IN_THE_CORE = ["argon2", "nodemailer", "ioredis", "rate-limiter-flexible", "bowser"];

describe("the architecture", () => {
  it("has no import circles anywhere in the project", () => {
    const everything = ["app", "lib", "scripts", "e2e", "proof", "testing"].flatMap(listFiles);
    expect(findImportCircles([...everything, "proxy.ts", "instrumentation.ts"])).toEqual([]);
  });

  it("keeps every import in lib/ on its own floor or one below it", () => {
    const upward = listFiles("lib").flatMap((file) => {
      const floor = floorOf(file);
      if (!floor || !(floor in FLOORS)) return [];
      return readImports(file)
        .files.filter((target) => {
          const to = floorOf(target);
          return to !== undefined && to !== floor && !(FLOORS[floor] as string[]).includes(to);
        })
        .map((target) => `${file} → ${target}`);
    });
    expect(upward).toEqual([]);
  });

  it("lets nothing but app/ import the data access layer", () => {
    const outside = ["lib", "scripts", "e2e", "proof", "testing"]
      .flatMap(listFiles)
      .concat("proxy.ts", "instrumentation.ts")
      .filter((file) => !file.startsWith("lib/dal/"))
      .filter((file) => readImports(file).files.some((target) => target.startsWith("lib/dal/")));
    expect(outside).toEqual([]);
  });

  it("keeps the core small, without password hashing, mail, Redis or throttling", () => {
    const core = withDeclarations(collectProjectImports([CORE_ENTRY]));
    const lines = core.reduce((sum, file) => sum + readFileSync(file, "utf8").split("\n").length, 0);
    expect(core.length).toBeLessThanOrEqual(CORE_LIMITS.files);
    expect(lines).toBeLessThanOrEqual(CORE_LIMITS.lines);
    const packages = new Set(core.flatMap((file) => readImports(file).packages));
    expect(NOT_IN_THE_CORE.filter((name) => packages.has(name))).toEqual([]);
    expect(core.filter((file) => !/^lib\/(session|platform|dal)\//.test(file))).toEqual([]);
  });

  it("shares with app/ only modules without server secrets or the database", () => {
    for (const shared of SHARED_WITH_APP) {
      for (const file of collectProjectImports([`lib/${shared}.ts`])) {
        expect(readFileSync(file, "utf8"), file).not.toMatch(/["']server-only["']/);
        expect(file).not.toMatch(/^lib\/platform\/(db|secrets|database-client)\.ts$/);
      }
    }
  });
});
