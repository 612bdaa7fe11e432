// `npm run check:core-copy`: does the session core work when copied alone, as docs/use-in-your-own-app.md says?
// Copies exactly the listed files (and the database files the page names) into an empty Next.js app that has only
// next, react, react-dom and the listed packages, adds three route handlers of its own, builds and serves it, and
// checks over HTTP that a session is started, checked, ended and refused afterwards. Exits 1 when any step fails.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readCoreCopyList } from "@/scripts/core-copy";
import { parseCommandLine, type CommandDescription } from "@/scripts/usage";

const COMMAND = {
  usage: "npm run check:core-copy [-- --keep]",
  about: `Copies the session core listed in docs/use-in-your-own-app.md into an empty Next.js app, builds it and runs
a session through it over HTTP. Takes about two minutes.
  --keep  keep the scratch app (its path is printed)`,
  options: { keep: { type: "boolean" } },
} satisfies CommandDescription;

const { values: options } = parseCommandLine(process.argv.slice(2), COMMAND);
const CHECKOUT = path.resolve(import.meta.dirname, "..");
const PORT = 3190;
// What the page says to copy with the core: the schema, the migrations and the Prisma CLI wrapper.
const DATABASE_FILES = ["prisma", "prisma.config.ts", "scripts/prisma.mjs"];
const FRAMEWORK = ["next", "react", "react-dom"];
const CREATE_NEXT_APP_TYPES = ["typescript", "@types/node", "@types/react", "@types/react-dom"];

const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(path.join(CHECKOUT, "node_modules", name, "package.json"), "utf8")) as { version: string })
    .version;

function writeFile(directory: string, file: string, text: string) {
  mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
  writeFileSync(path.join(directory, file), text);
}

function run(directory: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: directory, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`.slice(-4000));
  }
}

/** An app made from nothing but the framework, the listed packages and files, and three routes of its own. */
function makeApp(directory: string) {
  for (const file of [...readCoreCopyList("session-core"), ...DATABASE_FILES]) {
    cpSync(path.join(CHECKOUT, file), path.join(directory, file), { recursive: true });
  }
  const packages = [...FRAMEWORK, ...readCoreCopyList("core-packages")];
  const ourManifest = JSON.parse(readFileSync(path.join(CHECKOUT, "package.json"), "utf8")) as {
    allowScripts: Record<string, boolean>;
  };
  const manifest = {
    name: "core-copy",
    private: true,
    dependencies: Object.fromEntries(packages.map((name) => [name, installedVersion(name)])),
    // What create-next-app adds for TypeScript, and the types the page names.
    devDependencies: Object.fromEntries(
      [...CREATE_NEXT_APP_TYPES, ...readCoreCopyList("core-dev-packages")].map((name) => [
        name,
        installedVersion(name),
      ]),
    ),
    allowScripts: ourManifest.allowScripts,
  };
  writeFile(directory, "package.json", `${JSON.stringify(manifest, null, 2)}\n`);
  // What create-next-app writes, with the same path alias.
  writeFile(
    directory,
    "tsconfig.json",
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["dom", "dom.iterable", "esnext"],
        skipLibCheck: true,
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        module: "esnext",
        moduleResolution: "bundler",
        resolveJsonModule: true,
        isolatedModules: true,
        jsx: "react-jsx",
        plugins: [{ name: "next" }],
        paths: { "@/*": ["./*"] },
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", "**/*.mts"],
      exclude: ["node_modules"],
    }),
  );
  writeFile(
    directory,
    "next.config.mjs",
    `export default { serverExternalPackages: ["@prisma/adapter-better-sqlite3", "better-sqlite3", "@prisma/adapter-pg", "pg"] };\n`,
  );
  writeFile(
    directory,
    "app/layout.tsx",
    `export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n`,
  );
  // The newcomer's own sign-in: whoever asks becomes a fresh user. Only the core decides what a session is.
  writeFile(
    directory,
    "app/sign-in/route.ts",
    `import { db } from "@/lib/platform/db";
import { startSession } from "@/lib/session/current-session";

export async function POST() {
  const user = await db.user.create({ data: { email: \`\${crypto.randomUUID()}@example.com\`, passwordHash: "unused" } });
  await startSession(user.id);
  return Response.json({ email: user.email });
}
`,
  );
  writeFile(
    directory,
    "app/me/route.ts",
    `import { getViewer } from "@/lib/dal/viewer";

export async function GET() {
  const viewer = await getViewer();
  return viewer ? Response.json({ email: viewer.email }) : Response.json({ error: "not signed in" }, { status: 401 });
}
`,
  );
  writeFile(
    directory,
    "app/sign-out/route.ts",
    `import { endCurrentSession } from "@/lib/session/current-session";

export async function POST() {
  await endCurrentSession("sign-out");
  return new Response(null, { status: 204 });
}
`,
  );
}

function expectThat(condition: boolean, what: string) {
  if (!condition) throw new Error(`Expected: ${what}`);
  console.log(`ok: ${what}`);
}

async function waitForServer(origin: string, server: ReturnType<typeof spawn>) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (server.exitCode !== null) throw new Error("next start exited before it answered.");
    try {
      await fetch(`${origin}/me`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error("next start did not answer within a minute.");
}

/** Starts, checks, ends and re-checks one session over HTTP, carrying the cookie as a browser would. */
async function runSessionThrough(origin: string) {
  expectThat((await fetch(`${origin}/me`)).status === 401, "nobody is signed in without a cookie");
  const signIn = await fetch(`${origin}/sign-in`, { method: "POST" });
  const { email } = (await signIn.json()) as { email: string };
  const cookie = signIn.headers
    .getSetCookie()
    .find((header) => header.startsWith("__Host-session="))
    ?.split(";")[0];
  expectThat(signIn.ok && cookie !== undefined, "signing in sets the __Host-session cookie");
  const asked = await fetch(`${origin}/me`, { headers: { cookie: cookie! } });
  expectThat(asked.ok && ((await asked.json()) as { email: string }).email === email, "the session says who is asking");
  const signOut = await fetch(`${origin}/sign-out`, { method: "POST", headers: { cookie: cookie! } });
  const cleared = signOut.headers.getSetCookie().some((header) => header.startsWith("__Host-session=;"));
  expectThat(signOut.status === 204 && cleared, "signing out ends the session and clears the cookie");
  const replayed = await fetch(`${origin}/me`, { headers: { cookie: cookie! } });
  expectThat(replayed.status === 401, "the ended session's cookie is refused afterwards");
}

const directory = mkdtempSync(path.join(tmpdir(), "sessionproof-core-copy-"));
let server: ReturnType<typeof spawn> | undefined = undefined;
let failed = false;
try {
  makeApp(directory);
  run(directory, "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
  run(directory, "node", ["scripts/prisma.mjs", "generate"]);
  run(directory, "node", ["scripts/prisma.mjs", "generate", "--schema", "prisma/postgresql/schema.prisma"]);
  const env: Record<string, string> = {
    DATABASE_URL: "file:.data/core-copy.db",
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    NODE_ENV: "production",
  };
  run(directory, "node", ["scripts/prisma.mjs", "migrate", "deploy"], env);
  run(directory, "npx", ["next", "build"], env);
  server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "localhost"], {
    cwd: directory,
    env: { ...process.env, ...env },
    stdio: "ignore",
    detached: true,
  });
  const origin = `http://localhost:${PORT}`;
  await waitForServer(origin, server!);
  await runSessionThrough(origin);
  console.log("The session core works copied alone into an empty Next.js app.");
} catch (error) {
  failed = true;
  console.error((error as Error).message);
} finally {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  if (options.keep) console.log(`Kept ${directory}`);
  else rmSync(directory, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
