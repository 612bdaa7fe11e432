import { spawnSync } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, applyPostgresMigrations, recreatePostgresDatabase } from "@/scripts/postgresql.mjs";
import { runPrisma } from "@/scripts/prisma.mjs";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

// Runs in `npm run test:postgres` only (vitest.config.mts), against TEST_POSTGRES_SERVER.
describe("PostgreSQL migrations", () => {
  it("build exactly the schema prisma/postgresql/schema.prisma describes, and a second run changes nothing", async () => {
    const migrated = await createTestDatabaseUrl("migrations");
    await applyPostgresMigrations(migrated, { log: () => {} });

    const server = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
    const described = `${server}/sessionproof_unit_described_schema`;
    await recreatePostgresDatabase(described);
    const script = runPrisma(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"],
      { quiet: true },
    );
    await withClient(described, (client) => client.query(script));

    expect(await describeSchema(migrated)).toEqual(await describeSchema(described));
  });
});

describe("npm run db:migrate on PostgreSQL", () => {
  it("migrates an empty database, and a second run has nothing to do", async () => {
    const server = process.env.TEST_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
    const url = `${server}/sessionproof_unit_migrate_command`;
    await recreatePostgresDatabase(url);
    for (let run = 0; run < 2; run++) {
      const migrate = spawnSync(process.execPath, ["scripts/migrate.mjs"], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
      });
      expect(migrate.stdout).toContain("The database is up to date.");
      expect(migrate.stdout.includes("Applied migration")).toBe(run === 0);
    }
    const tables = await withClient(url, (client) =>
      client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Session'`),
    );
    expect(tables.rows[0].n).toBe(1);
  });
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Tables, columns with their types, defaults and nullability, indexes and constraints: what a migration makes.
async function describeSchema(url: string) {
  return withClient(url, async (client) => {
    const columns = await client.query(`
      SELECT table_name, column_name, data_type, column_default, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_sessionproof_migrations' ORDER BY table_name, column_name`);
    const indexes = await client.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_sessionproof_migrations' ORDER BY tablename, indexname`);
    const constraints = await client.query(`
      SELECT conrelid::regclass::text AS on_table, conname, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        AND conrelid::regclass::text <> '_sessionproof_migrations' ORDER BY 1, 2`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  });
}
