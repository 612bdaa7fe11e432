import path from "node:path";

// The embedded default: one SQLite file inside the checkout, git-ignored.
export const DEFAULT_DATABASE_FILE = ".data/sessionproof.db";

/**
 * Where the SQLite database lives: `DATABASE_URL` (a `file:` URL) or the default file.
 * A relative path is taken from the directory the server is started in.
 */
export function resolveDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return path.resolve(DEFAULT_DATABASE_FILE);
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a file: URL for the embedded SQLite database (got a "${url.split(":")[0]}:" URL).`,
    );
  }
  const filePath = url
    .slice("file:".length)
    .replace(/^\/\/(?=\/)/, "")
    .split("?")[0];
  if (!filePath) throw new Error("DATABASE_URL names no file (expected e.g. file:./data/app.db).");
  return path.resolve(filePath);
}

export function databaseUrlFor(file: string): string {
  return `file:${file}`;
}
