// Runs the Prisma CLI on its bundled WebAssembly engines.
// Prisma otherwise tries to download native engines first, which fails on offline machines;
// with `engine: "js"` in prisma.config.ts the paths below are never executed, only checked to exist.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const existingFile = fileURLToPath(import.meta.url);
const env = {
  PRISMA_SCHEMA_ENGINE_BINARY: existingFile,
  PRISMA_QUERY_ENGINE_LIBRARY: existingFile,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  ...process.env,
};

export function runPrisma(args, options = {}) {
  const result = spawnSync("npx", ["--no-install", "prisma", ...args], {
    stdio: options.quiet ? "pipe" : "inherit",
    env: { ...env, ...options.env },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = options.quiet ? `\n${result.stdout}${result.stderr}` : "";
    throw new Error(`prisma ${args.join(" ")} failed${output}`);
  }
  return result.stdout;
}

if (process.argv[1] === existingFile) {
  try {
    runPrisma(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
