// `npm run proof:strip`: keeps only the template. Deletes the compliance proof (proof/), the demo pages
// that show it (app/compliance/, app/demo/), the lines marked "demo:" in app/layout.tsx and the npm scripts
// that run the proof. Everything else, the session core and its tests included, stays as it is.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseCommandLine } from "@/scripts/usage";

export function stripProof(checkout: string) {
  for (const folder of ["proof", "app/compliance", "app/demo", "docs/requirements.md"])
    rmSync(path.join(checkout, folder), { recursive: true, force: true });

  const layoutFile = path.join(checkout, "app/layout.tsx");
  const layout = readFileSync(layoutFile, "utf8");
  writeFileSync(
    layoutFile,
    layout
      .split("\n")
      .filter((line) => !/(\/\/|\{\/\*) demo:/.test(line))
      .join("\n"),
  );

  const packageFile = path.join(checkout, "package.json");
  const manifest = JSON.parse(readFileSync(packageFile, "utf8")) as { scripts: Record<string, string> };
  for (const [name, command] of Object.entries(manifest.scripts))
    if (command.includes("proof/")) delete manifest.scripts[name];
  writeFileSync(packageFile, `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  parseCommandLine(process.argv.slice(2), {
    usage: "npm run proof:strip",
    about:
      "Deletes the proof (proof/, the demo pages and the proof's npm scripts) from this checkout. Takes no arguments.",
  });
  stripProof(path.resolve(import.meta.dirname, ".."));
  console.log(
    "Removed proof/, app/compliance/, app/demo/, the demo lines of app/layout.tsx and the proof's npm scripts.",
  );
}
