import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_FILE, resolveDatabaseFile } from "./database-url";

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
    const url = "postgresql://admin:hunter2@db.example/app";
    expect(() => resolveDatabaseFile(env({ DATABASE_URL: url }))).toThrow(/file: URL/);
    expect(() => resolveDatabaseFile(env({ DATABASE_URL: url }))).not.toThrow(/hunter2/);
  });
});
