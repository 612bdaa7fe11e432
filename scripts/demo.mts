// `npm run demo`: everything a fresh clone needs, then the app on http://localhost:3000 (or $PORT).
// `npm run dev` does the same with the development server.
import { readDatabaseTarget } from "@/lib/platform/database-url.mjs";
import { parseCommandLine } from "@/scripts/usage";
import {
  buildIfStale,
  loadOrCreateDemoSecrets,
  loadOrCreateDemoSigningKeys,
  prepareDatabase,
  startNext,
} from "./server-setup.mts";

const { values } = parseCommandLine(process.argv.slice(2), {
  usage: ["npm run demo", "npm run dev          (the same with the development server)"],
  about:
    "Prepares the database (DATABASE_URL, or .data/sessionproof.db), keeps a generated sealing secret and API signing key in .data/ unless SESSION_SECRET(S) and API_SIGNING_KEYS are set, builds when the source changed, and serves on http://localhost:$PORT (3000).",
  options: { dev: { type: "boolean" } },
});
const mode = values.dev ? "dev" : "start";
const port = process.env.PORT ?? "3000";
const configuredSecret = process.env.SESSION_SECRETS || process.env.SESSION_SECRET;
const env = {
  ...process.env,
  ...(configuredSecret ? {} : { SESSION_SECRETS: loadOrCreateDemoSecrets() }),
  ...(process.env.API_SIGNING_KEYS ? {} : { API_SIGNING_KEYS: loadOrCreateDemoSigningKeys() }),
  PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN || `http://localhost:${port}`,
};

try {
  const database = readDatabaseTarget();
  await prepareDatabase(database);
  console.log(`Database ready: ${database.kind === "sqlite" ? database.file : "PostgreSQL (DATABASE_URL)"}`);
  if (mode === "start") buildIfStale();
  console.log(`Sessionproof demo: open http://localhost:${port} (use localhost: the session cookie is Secure).`);
  startNext(mode, port, env);
} catch (error) {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
