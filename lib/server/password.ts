import "server-only";
import argon2 from "argon2";

// The OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane.
const ARGON2ID_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

let decoyHash: Promise<string> | undefined;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalizePassword(password), ARGON2ID_OPTIONS);
}

/** False for a wrong password and for a stored hash that cannot be read. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so a sign-in for an unknown email cannot be told apart by timing. */
export async function verifyDecoyPassword(password: string): Promise<false> {
  decoyHash ??= hashPassword("decoy password that belongs to nobody");
  await verifyPassword(await decoyHash, password);
  return false;
}

export function isHashBelowCurrentStrength(passwordHash: string): boolean {
  try {
    return argon2.needsRehash(passwordHash, ARGON2ID_OPTIONS);
  } catch {
    return true;
  }
}

// NIST SP 800-63B: the same password typed on different keyboards must hash the same.
function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}
