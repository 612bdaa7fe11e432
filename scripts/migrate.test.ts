import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const migrate = (databaseUrl: string) =>
  spawnSync(process.execPath, ["scripts/migrate.mjs"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });

describe("npm run db:migrate", () => {
  it("creates and migrates an SQLite file, and a second run has nothing to do", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "sessionproof-migrate-"));
    try {
      const file = path.join(directory, "nested", "app.db");
      for (const run of [migrate(`file:${file}`), migrate(`file:${file}`)]) {
        expect(run.stdout).toContain("The database is up to date.");
        expect(run.status).toBe(0);
      }
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("says clearly that PostgreSQL cannot be reached, without repeating the password", () => {
    const run = migrate("postgresql://app:hunter2@127.0.0.1:1/app");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Could not migrate the database: .*ECONNREFUSED/m);
    expect(run.stderr + run.stdout).not.toContain("hunter2");
  });
});
