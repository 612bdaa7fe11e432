import "server-only";
import { db } from "@/lib/platform/db";
import { forgetCachedPolicy, readPolicyOverrides } from "@/lib/session/policy-overrides";
import {
  OVERRIDABLE_SETTINGS,
  checkSessionPolicy,
  type PolicyOverrides,
  type PolicyProblem,
} from "@/lib/session/session-policy";

// Administrators' changes to the timeouts, stored over the environment's values (docs/decisions/009). Every
// instance reads them through ./policy-overrides.ts.

/**
 * Stores new timeouts if the policy they make keeps every bound; otherwise stores nothing and says why.
 * A database failure throws: it is an outage, not bad input.
 */
export async function saveTimeoutOverrides(
  overrides: PolicyOverrides,
): Promise<{ ok: true } | { ok: false; problems: PolicyProblem[] }> {
  const check = checkSessionPolicy(process.env, { ...(await readPolicyOverrides()), ...overrides });
  if (!check.ok) return check;
  await db.$transaction(
    Object.entries(overrides).map(([key, value]) =>
      db.setting.upsert({ where: { key }, create: { key, value: String(value) }, update: { value: String(value) } }),
    ),
  );
  forgetCachedPolicy();
  return { ok: true };
}

/** Back to the environment's values. Returns how many stored values were removed. */
export async function clearPolicyOverrides(): Promise<number> {
  const { count } = await db.setting.deleteMany({ where: { key: { in: [...OVERRIDABLE_SETTINGS] } } });
  forgetCachedPolicy();
  return count;
}
