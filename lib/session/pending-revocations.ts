import "server-only";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pendingSignOutsFile, readDatabaseTarget } from "@/lib/platform/database-url.mjs";

// Sign-outs the database could not confirm. Such a session must stay dead when the database returns, so its
// token hash is kept here (in memory and in a file beside the database, to survive a restart), refused on
// sight, and the revocation is written to the database as soon as it answers again.
// One file per database (pendingSignOutsFile). With several servers on one shared database this covers only
// the server that took the sign-out (docs/decisions/006-sign-out-fails-closed.md).

const RETRY_INTERVAL_MS = 2_000;

let pending: Set<string> | undefined;
let lastAttempt = 0;

function pendingFile() {
  const file = pendingSignOutsFile(readDatabaseTarget());
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

function pendingHashes(): Set<string> {
  if (!pending) {
    try {
      pending = new Set(readFileSync(pendingFile(), "utf8").split("\n").filter(Boolean));
    } catch {
      pending = new Set(); // no file: nothing pending
    }
  }
  return pending;
}

/** Remembers a sign-out that could not reach the database. */
export function keepPendingSignOut(tokenHash: string) {
  pendingHashes().add(tokenHash);
  try {
    appendFileSync(pendingFile(), `${tokenHash}\n`, { mode: 0o600 });
  } catch {
    // Not writable either: the sign-out still holds in memory for as long as this server runs.
  }
}

export function hasPendingSignOuts() {
  return pendingHashes().size > 0;
}

export function isPendingSignOut(tokenHash: string) {
  return pendingHashes().has(tokenHash);
}

/**
 * Writes pending sign-outs to the database, at most every few seconds; `endSessions` throws while the
 * database is still unreachable, and the hashes then stay pending.
 */
export async function applyPendingSignOuts(endSessions: (tokenHashes: string[]) => Promise<unknown>, now = Date.now()) {
  const hashes = pendingHashes();
  if (hashes.size === 0 || now - lastAttempt < RETRY_INTERVAL_MS) return;
  lastAttempt = now;
  const applying = [...hashes];
  await endSessions(applying);
  for (const hash of applying) hashes.delete(hash);
  writeFileSync(pendingFile(), [...hashes].map((hash) => `${hash}\n`).join(""), { mode: 0o600 });
}
