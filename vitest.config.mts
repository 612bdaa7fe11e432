import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// Unit tests that prove a requirement carry its ID as a tag (@v5.0.0-7.2.4). With the compliance proof
// present, every such tag must be in its registry and the results go into the compliance report.
const REGISTRY = "proof/registry.json";
const HAS_PROOF = existsSync(REGISTRY);
type RegistryEntry = { id: string; summary: string };
const requirementTags = HAS_PROOF
  ? (JSON.parse(readFileSync(REGISTRY, "utf8")) as { requirements: RegistryEntry[] }).requirements.map(
      (requirement) => ({
        name: `@${requirement.id}`,
        description: requirement.summary,
      }),
    )
  : [];

export default defineConfig({
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./", import.meta.url)),
      // The real package throws outside React Server Components; the unit tests run plain Node.
      "server-only": fileURLToPath(new URL("./testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // Some tests start real processes (npm commands, Playwright on a fixture suite); on a busy 2-core
    // machine those take seconds. A test that needs a minute is stuck, not slow.
    testTimeout: 60_000,
    // Vitest leaves one core free by default, which on a 2-core machine runs the files one at a time. Much of the
    // suite waits on the processes it starts, so two files at once finish sooner there (measured: 67 s against 100).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    include: ["proxy.test.ts", "e2e/**/*.test.ts", "lib/**/*.test.ts", "scripts/**/*.test.ts", "proof/**/*.test.ts"],
    // Tests of PostgreSQL itself run in `npm run test:postgres`, which sets TEST_DATABASE=postgresql.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.TEST_DATABASE === "postgresql" ? [] : ["**/*.postgres.test.ts"]),
    ],
    tags: requirementTags,
    strictTags: HAS_PROOF,
    reporters: HAS_PROOF ? ["default", "./proof/reporters/vitest.ts"] : ["default"],
  },
});
