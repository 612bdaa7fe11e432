import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import { FLOORS, SHARED_WITH_APP } from "./lib/floors.mjs";

const PROJECT_IMPORTS = [{ group: ["../*"], message: "Import project files through @/." }];
const escapeForRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const DATA_ACCESS_LAYER_ONLY = {
  regex: `^@/lib/(?!dal/|(?:${SHARED_WITH_APP.map(escapeForRegExp).join("|")})$)`,
  message: "app/ reaches the server only through the data access layer in @/lib/dal/ (lib/floors.mjs).",
};
const NO_DATA_ACCESS_LAYER = {
  regex: "^@/lib/dal/",
  message: "Only app/ imports the data access layer; the rest of lib/ sits below it (lib/floors.mjs).",
};

const NO_PROOF = {
  regex: "^@/(proof|e2e|testing|scripts)/",
  message: "The template never imports tests or the proof.",
};
// lib/'s own tests may use the test helpers in testing/ and scripts/, never the proof.
const NO_PROOF_IN_TESTS = { regex: "^@/(proof|e2e)/", message: "The template's tests never import the proof." };

/** Each floor of lib/ may import only itself and the floors lib/floors.mjs lists for it; its tests, test helpers too. */
function floorRules(floor) {
  const above = Object.keys(FLOORS).filter((other) => other !== floor && !FLOORS[floor].includes(other));
  const allowed = [floor, ...FLOORS[floor]].join(", ");
  const floorPattern = {
    regex: `^@/lib/(?:${above.join("|")})/`,
    message: `lib/${floor} imports only from ${allowed}.`,
  };
  const restrict = (patterns) => ({
    "no-restricted-imports": ["error", { patterns: [...PROJECT_IMPORTS, ...patterns] }],
  });
  return [
    { files: [`lib/${floor}/**`], rules: restrict([NO_PROOF, floorPattern]) },
    { files: [`lib/${floor}/**/*.test.ts`], rules: restrict([NO_PROOF_IN_TESTS, floorPattern]) },
  ];
}

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
  ...Object.keys(FLOORS).flatMap(floorRules),
  {
    // Start-up code, command-line tools and tests sit beside app/, not above the data access layer.
    files: ["proxy.ts", "instrumentation.ts", "scripts/**", "e2e/**", "proof/**", "testing/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...PROJECT_IMPORTS, NO_DATA_ACCESS_LAYER] }] },
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
    // CommonJS on purpose (lib/sign-in/password-hasher.cjs says why): require() is how it loads.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright's fixtures take a callback named `use`, which is not React's hook.
    files: ["e2e/**", "proof/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
