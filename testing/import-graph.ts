import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

// `import … from "x"`, `export … from "x"`, `import("x")` and the bare `import "x"` (server-only, for one).
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;
const EXTENSIONS = [".ts", ".tsx", ".mts", "/index.ts"];
// A script a module starts as a process of its own is named by its path from the project root, not imported.
const PROCESS_SCRIPT = /["']((?:app|lib)\/[\w./-]+\.cjs)["']/g;

/** The project file an import names, or null for a package or a generated file. */
function resolveImport(fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.join(path.dirname(fromFile), specifier);
  else return null;
  if (base.startsWith("lib/generated/")) return null;
  if (existsSync(base) && !base.endsWith("/") && path.extname(base)) return base;
  const found = EXTENSIONS.map((extension) => `${base}${extension}`).find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${fromFile} imports ${specifier}, which resolves to no file`);
  return found;
}

/** Every project file the entry files import or run, directly or through each other, the entries included. */
export function collectProjectImports(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolveImport(file, (match[1] ?? match[2] ?? match[3])!);
      if (target && !seen.has(target)) queue.push(target);
    }
    for (const [, script] of readFileSync(file, "utf8").matchAll(PROCESS_SCRIPT)) {
      if (!existsSync(script!)) throw new Error(`${file} runs ${script}, which is not there`);
      if (!seen.has(script!)) queue.push(script!);
    }
  }
  return [...seen].sort();
}

/** What one file imports: the project files (resolved) and the npm packages (by name, node: built-ins left out). */
export function readImports(file: string): { files: string[]; packages: string[] } {
  const source = readFileSync(file, "utf8");
  const files = new Set<string>();
  const packages = new Set<string>();
  for (const match of source.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2] ?? match[3])!;
    const target = resolveImport(file, specifier);
    if (target) files.add(target);
    else if (!specifier.startsWith("@/") && !specifier.startsWith(".") && !specifier.startsWith("node:")) {
      packages.add(
        specifier
          .split("/")
          .slice(0, specifier.startsWith("@") ? 2 : 1)
          .join("/"),
      );
    }
  }
  for (const [, script] of source.matchAll(PROCESS_SCRIPT)) if (existsSync(script!)) files.add(script!);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** Every chain of imports that comes back to where it started, each given once as the files along it. */
export function findImportCircles(files: string[]): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const next of readImports(file).files) {
      if (state.get(next) === "open") circles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return circles;
}

/** The files with the type declarations TypeScript reads beside each plain-JavaScript module (x.d.mts for x.mjs). */
export function withDeclarations(files: string[]): string[] {
  const declarations = files
    .filter((file) => file.endsWith(".mjs"))
    .map((file) => file.replace(/\.mjs$/, ".d.mts"))
    .filter((file) => existsSync(file));
  return [...files, ...declarations].sort();
}

/** The files below a folder whose names match, leaving out dependencies, generated code and hidden folders. */
export function listProjectFiles(directory: string, name: RegExp): string[] {
  return readdirSync(directory, { recursive: true, encoding: "utf8" })
    .map((relative) => path.join(directory, relative))
    .filter((file) => !/(^|\/)(node_modules|generated|\.[^/]+)\//.test(file) && name.test(path.basename(file)))
    .sort();
}
