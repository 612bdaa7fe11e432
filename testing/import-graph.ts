import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)/g;
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
      const target = resolveImport(file, (match[1] ?? match[2])!);
      if (target && !seen.has(target)) queue.push(target);
    }
    for (const [, script] of readFileSync(file, "utf8").matchAll(PROCESS_SCRIPT)) {
      if (!existsSync(script!)) throw new Error(`${file} runs ${script}, which is not there`);
      if (!seen.has(script!)) queue.push(script!);
    }
  }
  return [...seen].sort();
}
