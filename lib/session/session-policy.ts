/**
 * The session policy: every limit on a session, its bounds and its validation, in one place. The other wings
 * keep their own policies beside them (lib/sign-in/throttle-policy.ts, lib/programs/program-policy.ts).
 * The session store enforces it, docs/session-policy.md is generated from it, and the tests read it.
 * Pure: no database, no environment access beyond the object it is handed.
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type SettingRule = {
  label: string;
  env: string;
  min: number;
  max: number;
  /** Only the write interval may be a fraction of a second: it defaults to a twentieth of the idle limit. */
  wholeNumber: boolean;
};

/** Every setting, with its environment variable and the range a value must fall in wherever it comes from. */
export const SESSION_POLICY_SETTINGS = {
  idleTimeoutSeconds: {
    label: "Idle timeout",
    env: "SESSION_IDLE_TIMEOUT_SECONDS",
    min: 5,
    max: 30 * DAY,
    wholeNumber: true,
  },
  absoluteTimeoutSeconds: {
    label: "Absolute timeout",
    env: "SESSION_ABSOLUTE_TIMEOUT_SECONDS",
    min: 5,
    max: 30 * DAY,
    wholeNumber: true,
  },
  touchIntervalSeconds: {
    label: "Last-seen write interval",
    env: "SESSION_TOUCH_INTERVAL_SECONDS",
    min: 0,
    max: HOUR,
    wholeNumber: false,
  },
  reauthenticationWindowSeconds: {
    label: "Re-authentication window",
    env: "REAUTH_MAX_AGE_SECONDS",
    min: 5,
    max: DAY,
    wholeNumber: true,
  },
  maxConcurrentSessions: {
    label: "Live sessions per user",
    env: "SESSION_MAX_CONCURRENT",
    min: 1,
    max: 100,
    wholeNumber: true,
  },
} as const satisfies Record<string, SettingRule>;

export const SESSION_POLICY_DEFAULTS = {
  // NIST SP 800-63B (rev. 3) AAL2: end a session after 30 minutes without activity ...
  idleTimeoutSeconds: 30 * MINUTE,
  // ... and require a fresh sign-in after 12 hours however active the user is.
  absoluteTimeoutSeconds: 12 * HOUR,
  // Ending sessions, changing the email or deleting the account needs a password confirmed this recently.
  reauthenticationWindowSeconds: 5 * MINUTE,
  // One per device a person plausibly uses at once; a new sign-in beyond it ends the least recently used.
  maxConcurrentSessions: 5,
  // Upper bound of the default write interval, which is also how early an idle expiry can come.
  maxDefaultTouchIntervalSeconds: MINUTE,
} as const;

// Rows ended or deleted per statement: each holds its lock for milliseconds, and the ids fit within both
// databases' limits on parameters (Prisma allows SQLite 999).
export const SESSION_BATCH_SIZE = 500;

export type SessionPolicySetting = keyof typeof SESSION_POLICY_SETTINGS;

export type SessionPolicy = Record<SessionPolicySetting, number>;

/** The limits an administrator may change at run time; they win over the environment. */
export const OVERRIDABLE_SETTINGS = ["idleTimeoutSeconds", "absoluteTimeoutSeconds"] as const;
export type PolicyOverrides = Partial<Pick<SessionPolicy, (typeof OVERRIDABLE_SETTINGS)[number]>>;

export type PolicyProblem = { setting: SessionPolicySetting; message: string };
export type PolicyCheck = { ok: true; policy: SessionPolicy } | { ok: false; problems: PolicyProblem[] };

/** The policy from the environment, defaults and administrators' overrides, or every reason it is invalid. */
export function checkSessionPolicy(env: NodeJS.ProcessEnv, overrides: PolicyOverrides = {}): PolicyCheck {
  const problems: PolicyProblem[] = [];
  const fromEnv = (setting: SessionPolicySetting) => {
    const raw = env[SESSION_POLICY_SETTINGS[setting].env]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (Number.isNaN(value)) problems.push({ setting, message: `${describeRule(setting)} (got "${raw}").` });
    return value;
  };
  const idleTimeoutSeconds =
    overrides.idleTimeoutSeconds ?? fromEnv("idleTimeoutSeconds") ?? SESSION_POLICY_DEFAULTS.idleTimeoutSeconds;
  const explicitTouchInterval = fromEnv("touchIntervalSeconds");
  // An interval from the environment that an administrator's shorter idle limit would swallow gives way to the default.
  const touchIntervalSeconds =
    explicitTouchInterval !== undefined && (!overrides.idleTimeoutSeconds || explicitTouchInterval < idleTimeoutSeconds)
      ? explicitTouchInterval
      : defaultTouchInterval(idleTimeoutSeconds);
  const policy: SessionPolicy = {
    idleTimeoutSeconds,
    absoluteTimeoutSeconds:
      overrides.absoluteTimeoutSeconds ??
      fromEnv("absoluteTimeoutSeconds") ??
      SESSION_POLICY_DEFAULTS.absoluteTimeoutSeconds,
    touchIntervalSeconds,
    reauthenticationWindowSeconds:
      fromEnv("reauthenticationWindowSeconds") ?? SESSION_POLICY_DEFAULTS.reauthenticationWindowSeconds,
    maxConcurrentSessions: fromEnv("maxConcurrentSessions") ?? SESSION_POLICY_DEFAULTS.maxConcurrentSessions,
  };
  if (problems.length > 0) return { ok: false, problems };
  const invalid = findPolicyProblems(policy);
  return invalid.length > 0 ? { ok: false, problems: invalid } : { ok: true, policy };
}

/** The policy, or an error that names each environment variable at fault; read when the server starts. */
export function readSessionPolicy(
  env: NodeJS.ProcessEnv = process.env,
  overrides: PolicyOverrides = {},
): SessionPolicy {
  const check = checkSessionPolicy(env, overrides);
  if (check.ok) return check.policy;
  throw new Error(
    check.problems.map(({ setting, message }) => `${SESSION_POLICY_SETTINGS[setting].env}: ${message}`).join("\n"),
  );
}

/** Every rule a policy must keep: each value in its range, and the limits in an order that makes sense. */
export function findPolicyProblems(policy: SessionPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const setting of Object.keys(SESSION_POLICY_SETTINGS) as SessionPolicySetting[]) {
    const rule: SettingRule = SESSION_POLICY_SETTINGS[setting];
    const value = policy[setting];
    const inRange = Number.isFinite(value) && value >= rule.min && value <= rule.max;
    if (!inRange || (rule.wholeNumber && !Number.isInteger(value))) {
      const got = Number.isNaN(value) ? "" : ` (got ${value})`;
      problems.push({ setting, message: `${describeRule(setting)}${got}.` });
    }
  }
  if (problems.length > 0) return problems;
  if (policy.idleTimeoutSeconds > policy.absoluteTimeoutSeconds) {
    problems.push({
      setting: "idleTimeoutSeconds",
      message: `The idle timeout (${policy.idleTimeoutSeconds} s) cannot be longer than the absolute timeout (${policy.absoluteTimeoutSeconds} s).`,
    });
  }
  if (policy.touchIntervalSeconds >= policy.idleTimeoutSeconds) {
    problems.push({
      setting: "touchIntervalSeconds",
      message: `The last-seen write interval (${policy.touchIntervalSeconds} s) must be shorter than the idle timeout (${policy.idleTimeoutSeconds} s).`,
    });
  }
  return problems;
}

/** The range of one setting in words, e.g. "The idle timeout must be a whole number of seconds from 5 to 2592000". */
export function describeRule(setting: SessionPolicySetting): string {
  const rule: SettingRule = SESSION_POLICY_SETTINGS[setting];
  const unit = setting === "maxConcurrentSessions" ? "" : " of seconds";
  const kind = rule.wholeNumber ? `a whole number${unit}` : `a number${unit}`;
  return `The ${lowerFirst(rule.label)} must be ${kind} from ${rule.min} to ${rule.max}`;
}

/** A twentieth of the idle timeout, at most a minute: short test timeouts stay exact enough. */
export function defaultTouchInterval(idleTimeoutSeconds: number): number {
  return Math.min(SESSION_POLICY_DEFAULTS.maxDefaultTouchIntervalSeconds, idleTimeoutSeconds / 20);
}

export type SessionExpiry = "idle-timeout" | "absolute-timeout";

type SessionTimes = { createdAt: Date; lastSeenAt: Date; absoluteExpiresAt: Date };

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

export type SessionDeadlines = ReturnType<typeof getSessionDeadlines>;

/** Which limit has passed by `now`, if any: the absolute one first. */
export function findPassedDeadline(deadlines: SessionDeadlines, now: Date): SessionExpiry | null {
  const { idleExpiresAt, absoluteExpiresAt } = deadlines;
  if (now >= absoluteExpiresAt) return "absolute-timeout";
  if (now >= idleExpiresAt) return "idle-timeout";
  return null;
}

/** Whether the last password confirmation is recent enough for a sensitive action. */
export function isRecentlyAuthenticated(authenticatedAt: Date, policy: SessionPolicy, now: Date): boolean {
  return now.getTime() - authenticatedAt.getTime() < policy.reauthenticationWindowSeconds * 1000;
}

/** A session last seen at or before this moment is due for its "last seen" write. */
export function lastTouchDueAt(policy: SessionPolicy, now: Date): Date {
  return new Date(now.getTime() - policy.touchIntervalSeconds * 1000);
}

export function isTouchDue(lastSeenAt: Date, policy: SessionPolicy, now: Date): boolean {
  return lastSeenAt <= lastTouchDueAt(policy, now);
}

function lowerFirst(text: string) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
