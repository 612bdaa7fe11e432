import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests that prove a requirement carry its ID as a tag (@v5.0.0-7.2.4). With the compliance proof
// present, every such tag must be in its registry and the results go into the compliance report.
const HAS_PROOF = existsSync("proof/registry.json");
const requirementTags = HAS_PROOF
  ? (await import("./proof/registry.json", { with: { type: "json" } })).default.requirements.map((requirement) => ({
      name: `@${requirement.id}`,
      description: requirement.summary,
    }))
  : [];

export default defineConfig({
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./", import.meta.url)),
      // The real package throws outside React Server Components; the unit tests run plain Node.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "proof/**/*.test.ts"],
    tags: requirementTags,
    strictTags: HAS_PROOF,
    reporters: HAS_PROOF ? ["default", "./proof/reporters/vitest.ts"] : ["default"],
  },
});
