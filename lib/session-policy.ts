/**
 * The session policy: every timeout the app enforces, in one place.
 * The session store enforces it, the README and docs quote it, and the tests read it.
 */

export const SESSION_POLICY_DEFAULTS = {
  // NIST SP 800-63B (rev. 3) AAL2: end a session after 30 minutes without activity ...
  idleTimeoutSeconds: 30 * 60,
  // ... and require a fresh sign-in after 12 hours however active the user is.
  absoluteTimeoutSeconds: 12 * 60 * 60,
  // Upper bound on how stale "last seen" may be, which is also how early an idle expiry can come.
  maxTouchIntervalSeconds: 60,
  // Ending sessions, changing the email or deleting the account needs a password confirmed this recently.
  reauthenticationWindowSeconds: 5 * 60,
  // One per device a person plausibly uses at once; a new sign-in beyond it ends the least recently used.
  maxConcurrentSessions: 5,
} as const;

export const SESSION_POLICY_ENV = {
  idleTimeoutSeconds: "SESSION_IDLE_TIMEOUT_SECONDS",
  absoluteTimeoutSeconds: "SESSION_ABSOLUTE_TIMEOUT_SECONDS",
  touchIntervalSeconds: "SESSION_TOUCH_INTERVAL_SECONDS",
  reauthenticationWindowSeconds: "REAUTH_MAX_AGE_SECONDS",
  maxConcurrentSessions: "SESSION_MAX_CONCURRENT",
} as const;

export type SessionPolicy = {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  /** Activity closer together than this does not rewrite "last seen". */
  touchIntervalSeconds: number;
  reauthenticationWindowSeconds: number;
  maxConcurrentSessions: number;
};

/** The timeouts an administrator may change at run time; they win over the environment. */
export type PolicyOverrides = Partial<Pick<SessionPolicy, "idleTimeoutSeconds" | "absoluteTimeoutSeconds">>;

export type SessionExpiry = "idle-timeout" | "absolute-timeout";

type SessionTimes = { createdAt: Date; lastSeenAt: Date; absoluteExpiresAt: Date };

export function readSessionPolicy(
  env: NodeJS.ProcessEnv = process.env,
  overrides: PolicyOverrides = {},
): SessionPolicy {
  const idleTimeoutSeconds =
    overrides.idleTimeoutSeconds ??
    readSeconds(env, SESSION_POLICY_ENV.idleTimeoutSeconds) ??
    SESSION_POLICY_DEFAULTS.idleTimeoutSeconds;
  const absoluteTimeoutSeconds =
    overrides.absoluteTimeoutSeconds ??
    readSeconds(env, SESSION_POLICY_ENV.absoluteTimeoutSeconds) ??
    SESSION_POLICY_DEFAULTS.absoluteTimeoutSeconds;
  const explicitTouchInterval = readSeconds(env, SESSION_POLICY_ENV.touchIntervalSeconds, { allowZero: true });
  // An explicit interval that an administrator's shorter idle timeout would swallow gives way to the default.
  const touchIntervalSeconds =
    explicitTouchInterval !== undefined && (!overrides.idleTimeoutSeconds || explicitTouchInterval < idleTimeoutSeconds)
      ? explicitTouchInterval
      : defaultTouchInterval(idleTimeoutSeconds);
  const reauthenticationWindowSeconds =
    readSeconds(env, SESSION_POLICY_ENV.reauthenticationWindowSeconds) ??
    SESSION_POLICY_DEFAULTS.reauthenticationWindowSeconds;
  const maxConcurrentSessions =
    readWholeNumber(env, SESSION_POLICY_ENV.maxConcurrentSessions) ?? SESSION_POLICY_DEFAULTS.maxConcurrentSessions;
  if (touchIntervalSeconds >= idleTimeoutSeconds) {
    throw new Error(
      `${SESSION_POLICY_ENV.touchIntervalSeconds} (${touchIntervalSeconds}) must be shorter than the idle timeout (${idleTimeoutSeconds}).`,
    );
  }
  return {
    idleTimeoutSeconds,
    absoluteTimeoutSeconds,
    touchIntervalSeconds,
    reauthenticationWindowSeconds,
    maxConcurrentSessions,
  };
}

/** A twentieth of the idle timeout, at most a minute: short test timeouts stay exact enough. */
export function defaultTouchInterval(idleTimeoutSeconds: number): number {
  return Math.min(SESSION_POLICY_DEFAULTS.maxTouchIntervalSeconds, idleTimeoutSeconds / 20);
}

/** When the session ends if nothing else happens. A lowered absolute timeout also shortens live sessions. */
export function getSessionDeadlines(session: SessionTimes, policy: SessionPolicy) {
  const absoluteExpiresAt = new Date(
    Math.min(session.absoluteExpiresAt.getTime(), session.createdAt.getTime() + policy.absoluteTimeoutSeconds * 1000),
  );
  const idleExpiresAt = new Date(
    Math.min(session.lastSeenAt.getTime() + policy.idleTimeoutSeconds * 1000, absoluteExpiresAt.getTime()),
  );
  return { idleExpiresAt, absoluteExpiresAt };
}

export function findSessionExpiry(session: SessionTimes, policy: SessionPolicy, now: Date): SessionExpiry | null {
  const { idleExpiresAt, absoluteExpiresAt } = getSessionDeadlines(session, policy);
  if (now >= absoluteExpiresAt) return "absolute-timeout";
  if (now >= idleExpiresAt) return "idle-timeout";
  return null;
}

/** Whether the last password confirmation is recent enough for a sensitive action. */
export function isRecentlyAuthenticated(authenticatedAt: Date, policy: SessionPolicy, now: Date): boolean {
  return now.getTime() - authenticatedAt.getTime() < policy.reauthenticationWindowSeconds * 1000;
}

export function isTouchDue(lastSeenAt: Date, policy: SessionPolicy, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= policy.touchIntervalSeconds * 1000;
}

function readSeconds(env: NodeJS.ProcessEnv, name: string, { allowZero = false } = {}): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  const valid = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!valid)
    throw new Error(`${name} must be a ${allowZero ? "non-negative" : "positive"} number of seconds (got "${raw}").`);
  return value;
}

function readWholeNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1 (got "${raw}").`);
  return value;
}
