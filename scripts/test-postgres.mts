// `npm run test:postgres`: the unit tests that open a database and the whole e2e suite again, every test file
// and test server on a PostgreSQL database of its own (TEST_POSTGRES_SERVER, default
// postgresql://postgres@127.0.0.1:5432), plus the tests of PostgreSQL's migrations. Builds the app first if the
// sources changed. Its compliance report goes to reports/postgresql/.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseCommandLine } from "@/scripts/usage";
import { buildIfStale } from "./server-setup.mts";

parseCommandLine(process.argv.slice(2), {
  usage: "npm run test:postgres",
  about:
    "Runs the unit tests that open a database and the whole e2e suite on PostgreSQL (TEST_POSTGRES_SERVER, default postgresql://postgres@127.0.0.1:5432), each test file and test server on a database of its own. Takes no arguments.",
});

const server = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
const probe = new pg.Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: 5_000 });
try {
  await probe.connect();
  await probe.end();
} catch (error) {
  console.error(
    `PostgreSQL does not answer at ${new URL(server).host} (${error instanceof Error ? error.message : error}).\n` +
      "Start it, or point TEST_POSTGRES_SERVER at one where the user may create databases.",
  );
  process.exit(1);
}

// Only these unit tests ask for a database (testing/temporary-database.ts); the others would prove on
// PostgreSQL exactly what npm test has proved on SQLite.
const databaseUnitTests = ["lib", "scripts"].flatMap((folder) =>
  readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(folder, file))
    .filter(
      (file) =>
        file.endsWith(".postgres.test.ts") ||
        (file.endsWith(".test.ts") && readFileSync(file, "utf8").includes("createTestDatabaseUrl")),
    ),
);

const env = { ...process.env, TEST_DATABASE: "postgresql" };
const unit = spawnSync("npx", ["vitest", "run", ...databaseUnitTests], { stdio: "inherit", env });
if (unit.status !== 0) process.exit(unit.status ?? 1);
buildIfStale();
const e2e = spawnSync("npx", ["playwright", "test"], { stdio: "inherit", env });
process.exit(e2e.status ?? 1);
