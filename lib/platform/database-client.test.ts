import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SCHEMA, derivePostgresSchema } from "@/scripts/postgresql.mjs";
import { POSTGRES_POOL, readDatabaseSettings } from "@/lib/platform/database-client";

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe("database settings", () => {
  it("bounds PostgreSQL's pool: ten connections unless DATABASE_POOL_SIZE says otherwise", () => {
    const url = "postgresql://app:hunter2@db.example/app";
    expect(readDatabaseSettings(env({ DATABASE_URL: url })).poolSize).toBe(POSTGRES_POOL.defaultSize);
    expect(readDatabaseSettings(env({ DATABASE_URL: url, DATABASE_POOL_SIZE: "25" })).poolSize).toBe(25);
    for (const size of ["0", "-1", "2.5", "many", String(POSTGRES_POOL.maxSize + 1)]) {
      expect(() => readDatabaseSettings(env({ DATABASE_URL: url, DATABASE_POOL_SIZE: size }))).toThrow(
        /^DATABASE_POOL_SIZE must be a whole number from 1 to 100\.$/,
      );
    }
  });

  it("keeps the PostgreSQL copy of the schema in step with prisma/schema.prisma", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(derivePostgresSchema(readFileSync(SCHEMA, "utf8")));
  });
});
