import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_DATABASE_FILE,
  pendingSignOutsFile,
  readDatabaseTarget,
  resolveDatabaseFile,
} from "@/lib/platform/database-url.mjs";

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe("choosing the database file", () => {
  it("defaults to a file inside the checkout", () => {
    expect(resolveDatabaseFile(env({}))).toBe(path.resolve(DEFAULT_DATABASE_FILE));
  });

  it("accepts relative and absolute file: URLs", () => {
    expect(resolveDatabaseFile(env({ DATABASE_URL: "file:./tmp/app.db" }))).toBe(path.resolve("tmp/app.db"));
    expect(resolveDatabaseFile(env({ DATABASE_URL: "file:/var/data/app.db" }))).toBe("/var/data/app.db");
    expect(resolveDatabaseFile(env({ DATABASE_URL: "file:///var/data/app.db" }))).toBe("/var/data/app.db");
  });

  it("refuses other URLs with a message that leaks no credentials", () => {
    const url = "mysql://admin:hunter2@db.example/app";
    expect(() => readDatabaseTarget(env({ DATABASE_URL: url }))).toThrow(
      /file: URL \(SQLite\) or a postgresql:\/\/ URL/,
    );
    expect(() => readDatabaseTarget(env({ DATABASE_URL: url }))).not.toThrow(/hunter2/);
    expect(() => readDatabaseTarget(env({ DATABASE_URL: "postgresql://admin:hunter2@[bad/app" }))).toThrow(
      /not a valid postgresql:\/\/ URL\.$/,
    );
  });
});

describe("choosing PostgreSQL", () => {
  it("takes postgresql:// and postgres:// URLs as they are", () => {
    for (const url of ["postgresql://app:secret@db.example:5432/app", "postgres://db.example/app?sslmode=require"]) {
      expect(readDatabaseTarget(env({ DATABASE_URL: url }))).toEqual({ kind: "postgresql", url });
    }
  });

  it("keeps the sign-outs it could not write in a file named without the URL's password", () => {
    const url = "postgresql://app:hunter2@db.example/app";
    const file = pendingSignOutsFile({ kind: "postgresql", url });
    expect(path.dirname(file)).toBe(path.resolve(path.dirname(DEFAULT_DATABASE_FILE)));
    expect(file).not.toMatch(/hunter2|db\.example/);
    expect(file).not.toBe(pendingSignOutsFile({ kind: "postgresql", url: `${url}2` }));
  });
});
