import "server-only";
import { readSessionPolicy, type PolicyOverrides, type SessionPolicy } from "@/lib/session-policy";
import { db } from "./db";

const OVERRIDABLE = ["idleTimeoutSeconds", "absoluteTimeoutSeconds"] as const;
// Every server instance re-reads the overrides this often, so an administrator's change reaches all of
// them within seconds; the instance that made the change sees it at once.
const CACHE_MILLISECONDS = 5000;

let cached: { policy: SessionPolicy; readAt: number } | undefined;

/** The policy in force: administrators' values over the environment over the defaults. */
export async function getSessionPolicy(): Promise<SessionPolicy> {
  if (cached && Date.now() - cached.readAt < CACHE_MILLISECONDS) return cached.policy;
  const policy = readSessionPolicy(process.env, await readPolicyOverrides());
  cached = { policy, readAt: Date.now() };
  return policy;
}

export async function readPolicyOverrides(): Promise<PolicyOverrides> {
  const rows = await db.setting.findMany({ where: { key: { in: [...OVERRIDABLE] } } });
  const overrides: PolicyOverrides = {};
  for (const row of rows) {
    const value = Number(row.value);
    if (Number.isInteger(value) && value > 0) overrides[row.key as (typeof OVERRIDABLE)[number]] = value;
  }
  return overrides;
}

/** Stores new timeouts after checking that the resulting policy is valid; throws with the reason if not. */
export async function setPolicyOverrides(overrides: PolicyOverrides) {
  for (const value of Object.values(overrides)) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error("Timeouts must be whole numbers of seconds, at least 1.");
  }
  readSessionPolicy(process.env, { ...(await readPolicyOverrides()), ...overrides });
  await db.$transaction(
    Object.entries(overrides).map(([key, value]) =>
      db.setting.upsert({ where: { key }, create: { key, value: String(value) }, update: { value: String(value) } }),
    ),
  );
  cached = undefined;
}

/** Back to the environment's values. */
export async function clearPolicyOverrides() {
  await db.setting.deleteMany({ where: { key: { in: [...OVERRIDABLE] } } });
  cached = undefined;
}
