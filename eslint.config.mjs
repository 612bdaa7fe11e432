import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  globalIgnores([
    ".next/**",
    "lib/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "reports/**",
    ".data/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // One spelling for project imports: `@/lib/...`, never `../../lib/...`.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["../*"], message: "Import project files through @/." }] },
      ],
    },
  },
  {
    // Playwright's fixtures take a callback named `use`, which is not React's hook.
    files: ["e2e/**", "proof/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
