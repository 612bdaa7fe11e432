import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const PROJECT_IMPORTS = [{ group: ["../*"], message: "Import project files through @/." }];
const DATA_ACCESS_LAYER_ONLY = {
  regex: "^@/lib/server/(?!dal/)",
  message: "app/ reaches the server only through the data access layer in @/lib/server/dal/.",
};
const NO_PROOF = {
  regex: "^@/(proof|e2e|testing|scripts)/",
  message: "The template never imports tests or the proof.",
};

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
    // Pages, layouts, server actions and route handlers reach the server only through the data access
    // layer, which checks who is asking and hands back plain objects (docs/decisions/010).
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...PROJECT_IMPORTS, DATA_ACCESS_LAYER_ONLY, NO_PROOF] }] },
  },
  {
    // The demo's own pages show the proof and go with it (npm run proof:strip).
    files: ["app/compliance/**", "app/demo/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...PROJECT_IMPORTS, DATA_ACCESS_LAYER_ONLY] }] },
  },
  {
    // Scripts Node runs as they are, without the bundler or tsx that resolve `@/`.
    files: ["scripts/*.mjs"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // CommonJS on purpose (lib/server/password-hasher.cjs says why): require() is how it loads.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright's fixtures take a callback named `use`, which is not React's hook.
    files: ["e2e/**", "proof/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
