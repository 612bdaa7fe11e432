import "server-only";
import {
  OVERRIDABLE_SETTINGS,
  checkSessionPolicy,
  readSessionPolicy,
  type PolicyOverrides,
  type SessionPolicy,
} from "@/lib/session/session-policy";
import { db } from "@/lib/platform/db";

// Every server instance re-reads the overrides this often, so an administrator's change reaches all of
// them within seconds; the instance that made the change sees it at once. See docs/decisions/009.
const CACHE_MILLISECONDS = 5000;

let cached: { policy: SessionPolicy; readAt: number } | undefined;

/** The policy in force: administrators' values over the environment over the defaults. */
export async function getSessionPolicy(): Promise<SessionPolicy> {
  const recent = readRecentSessionPolicy();
  if (recent) return recent;
  const check = checkSessionPolicy(process.env, await readPolicyOverrides());
  // Values saved before the bounds existed, or written to the database by hand, must not stop every
  // sign-in: the environment's policy applies until `npm run admin -- reset-timeouts` clears them.
  if (!check.ok) console.error(JSON.stringify({ time: new Date().toISOString(), kind: "stored-timeouts-ignored" }));
  const policy = check.ok ? check.policy : readSessionPolicy(process.env);
  cached = { policy, readAt: Date.now() };
  return policy;
}

/** The policy as last read, while it is recent enough to stand for the one in force; otherwise undefined. */
export function readRecentSessionPolicy(): SessionPolicy | undefined {
  return cached && Date.now() - cached.readAt < CACHE_MILLISECONDS ? cached.policy : undefined;
}

/** The values administrators have stored, as stored: getSessionPolicy decides whether they hold. */
export async function readPolicyOverrides(): Promise<PolicyOverrides> {
  const rows = await db.setting.findMany({ where: { key: { in: [...OVERRIDABLE_SETTINGS] } } });
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.value)]));
}

/** After a change to the stored values: the next read goes to the database. */
export function forgetCachedPolicy() {
  cached = undefined;
}
