import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkRegistry,
  loadRegistry,
  requirementIdsInTags,
  requirementsForRoute,
  standardOf,
  type Registry,
} from "./registry";
import { aRequirement } from "./requirement-factory";

describe("the requirement registry", () => {
  it("is sound as committed", () => {
    expect(checkRegistry(loadRegistry())).toEqual([]);
  });

  it("points only at files and folders that exist", () => {
    const paths = loadRegistry().requirements.flatMap((requirement) => requirement.implementedIn);
    const missing = paths.filter((path) => !path.includes("*") && !existsSync(path));
    expect(missing).toEqual([]);
  });

  it("covers every ASVS 5.0 V7 requirement and the given ASVS 3.0.1 ones", () => {
    const ids = new Set(loadRegistry().requirements.map((entry) => entry.id));
    for (const v7 of [
      "7.1.1",
      "7.1.2",
      "7.1.3",
      "7.2.1",
      "7.2.2",
      "7.2.3",
      "7.2.4",
      "7.3.1",
      "7.3.2",
      "7.4.1",
      "7.4.2",
      "7.4.3",
      "7.4.4",
      "7.4.5",
      "7.5.1",
      "7.5.2",
      "7.5.3",
      "7.6.1",
      "7.6.2",
    ]) {
      expect(ids).toContain(`v5.0.0-${v7}`);
    }
    for (const given of ["3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.10", "3.11", "3.12", "3.17", "3.18"])
      expect(ids).toContain(`v3.0.1-${given}`);
    expect(ids).toContain("r357");
  });

  it("refuses evidence other than tests without a reason, and an unknown evidence kind", () => {
    const registry = {
      requirements: [
        aRequirement("v5.0.0-7.6.1", { evidence: "not-applicable" }),
        aRequirement("v5.0.0-7.1.3", { evidence: "hope" as never }),
      ],
    };
    expect(checkRegistry(registry)).toEqual([
      "v5.0.0-7.6.1 is not-applicable but gives no reason.",
      "v5.0.0-7.1.3 has no evidence kind (test, design, deployment, not-applicable).",
    ]);
  });

  it("records r357 as the seed states it: it applies, and only tests can show it met", () => {
    const r357 = loadRegistry().requirements.find((entry) => entry.id === "r357")!;
    expect(r357).toMatchObject({ evidence: "test" });
    expect(r357.summary).toMatch(/stateless/);
    expect(r357.summary).toMatch(/digital signature/);
    expect(r357.summary).toMatch(/static API secrets/);
    expect(r357.implementedIn).toContain("lib/programs/access-token.ts");
  });

  it("refuses a mapping that only goes one way, or to an unknown ID", () => {
    const registry: Registry = {
      requirements: [
        aRequirement("v4.0.3-3.2.1", { mapsTo: ["v5.0.0-7.2.4", "v5.0.0-9.9.9"] }),
        aRequirement("v5.0.0-7.2.4"),
      ],
    };
    expect(checkRegistry(registry)).toEqual([
      "v4.0.3-3.2.1 maps to v5.0.0-7.2.4, but not the other way round.",
      "v4.0.3-3.2.1 maps to v5.0.0-9.9.9, which is not in the registry.",
    ]);
  });

  it("refuses an entry whose version disagrees with its ID", () => {
    expect(checkRegistry({ requirements: [aRequirement("v4.0.3-3.2.1", { version: "ASVS 5.0.0" })] })).toEqual([
      "v4.0.3-3.2.1 says it is from ASVS 5.0.0.",
    ]);
  });

  it("refuses duplicates and IDs it cannot read", () => {
    const registry: Registry = {
      requirements: [aRequirement("v5.0.0-7.2.4"), aRequirement("v5.0.0-7.2.4"), aRequirement("asvs-7")],
    };
    expect(checkRegistry(registry)).toEqual([
      "v5.0.0-7.2.4 is listed twice.",
      "asvs-7 is not a requirement ID we know how to read.",
    ]);
  });
});

describe("requirement tags", () => {
  it("name requirements as @ID; other tags are not requirements", () => {
    expect(requirementIdsInTags(["@v5.0.0-7.2.4", "@v3.0.1-3.7", "@r357", "@slow"])).toEqual([
      "v5.0.0-7.2.4",
      "v3.0.1-3.7",
      "r357",
    ]);
    expect(standardOf("v4.0.3-3.2.1")).toBe("ASVS 4.0.3");
  });
});

describe("the demo's page badges", () => {
  it("come from where each requirement is implemented", () => {
    const registry: Registry = {
      requirements: [
        aRequirement("v5.0.0-7.5.2", { implementedIn: ["app/account/sessions/", "lib/session/session-store.ts"] }),
        aRequirement("v5.0.0-7.4.2", { implementedIn: ["app/account/delete/actions.ts"] }),
        aRequirement("v5.0.0-3.5.1", { implementedIn: ["app/**/actions.ts"] }),
        aRequirement("v5.0.0-16.5.1", { implementedIn: ["app/error.tsx"] }),
      ],
    };
    expect(requirementsForRoute("/account/sessions", registry)).toEqual(["v5.0.0-7.5.2"]);
    expect(requirementsForRoute("/account/delete", registry)).toEqual(["v5.0.0-7.4.2"]);
    expect(requirementsForRoute("/", registry)).toEqual([]);
  });
});
