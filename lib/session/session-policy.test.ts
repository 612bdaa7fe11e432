import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  SESSION_POLICY_DEFAULTS,
  SESSION_POLICY_SETTINGS,
  checkSessionPolicy,
  defaultTouchInterval,
  findPassedDeadline,
  getSessionDeadlines,
  isRecentlyAuthenticated,
  isTouchDue,
  readSessionPolicy,
  type SessionPolicy,
} from "@/lib/session/session-policy";

const findSessionExpiry = (session: Parameters<typeof getSessionDeadlines>[0], policy: SessionPolicy, now: Date) =>
  findPassedDeadline(getSessionDeadlines(session, policy), now);

const policy: SessionPolicy = {
  idleTimeoutSeconds: 600,
  absoluteTimeoutSeconds: 3600,
  touchIntervalSeconds: 30,
  reauthenticationWindowSeconds: 300,
  maxConcurrentSessions: 5,
};
const start = new Date("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const session = (lastSeenSeconds: number) => ({
  createdAt: start,
  lastSeenAt: at(lastSeenSeconds),
  absoluteExpiresAt: at(3600),
});

describe("reading the policy from the environment", () => {
  it("uses the documented defaults when nothing is set", () => {
    expect(readSessionPolicy({} as NodeJS.ProcessEnv)).toEqual({
      idleTimeoutSeconds: 1800,
      absoluteTimeoutSeconds: 43200,
      touchIntervalSeconds: 60,
      reauthenticationWindowSeconds: 300,
      maxConcurrentSessions: 5,
    });
  });

  it("accepts short values for tests and scales the touch interval with the idle timeout", () => {
    const short = readSessionPolicy({
      SESSION_IDLE_TIMEOUT_SECONDS: "6",
      SESSION_ABSOLUTE_TIMEOUT_SECONDS: "12",
    } as never);
    expect(short).toMatchObject({ idleTimeoutSeconds: 6, absoluteTimeoutSeconds: 12, touchIntervalSeconds: 0.3 });
    expect(defaultTouchInterval(100_000)).toBe(SESSION_POLICY_DEFAULTS.maxDefaultTouchIntervalSeconds);
  });

  it("refuses values that are not numbers in range, naming the variable", () => {
    for (const value of ["0", "-5", "ten", "Infinity", "4", "1e21", "2.5"]) {
      expect(() => readSessionPolicy({ SESSION_IDLE_TIMEOUT_SECONDS: value } as never)).toThrow(
        SESSION_POLICY_SETTINGS.idleTimeoutSeconds.env,
      );
    }
  });

  it("refuses a session limit that is not a whole number of at least one", () => {
    for (const value of ["0", "2.5", "many", "101"]) {
      expect(() => readSessionPolicy({ SESSION_MAX_CONCURRENT: value } as never)).toThrow(
        /SESSION_MAX_CONCURRENT.*whole number/,
      );
    }
  });

  it("lets an administrator's timeouts win over the environment", () => {
    const env = { SESSION_IDLE_TIMEOUT_SECONDS: "900", SESSION_TOUCH_INTERVAL_SECONDS: "30" } as never;
    expect(readSessionPolicy(env, { idleTimeoutSeconds: 120, absoluteTimeoutSeconds: 600 })).toMatchObject({
      idleTimeoutSeconds: 120,
      absoluteTimeoutSeconds: 600,
      touchIntervalSeconds: 30,
    });
    // An explicit write interval the shorter idle timeout would swallow gives way to the derived one.
    expect(readSessionPolicy(env, { idleTimeoutSeconds: 20 }).touchIntervalSeconds).toBe(1);
  });

  it("refuses a touch interval that would swallow the idle timeout", () => {
    expect(() =>
      readSessionPolicy({ SESSION_IDLE_TIMEOUT_SECONDS: "10", SESSION_TOUCH_INTERVAL_SECONDS: "10" } as never),
    ).toThrow(/shorter than the idle timeout/);
  });
});

describe("the bounds every source of the policy keeps", () => {
  const env = {} as NodeJS.ProcessEnv;
  const problemsWith = (overrides: Parameters<typeof checkSessionPolicy>[1]) => {
    const check = checkSessionPolicy(env, overrides);
    return check.ok ? [] : check.problems;
  };

  it("refuses an absolute timeout past 30 days or not a whole number, whatever its size", () => {
    for (const absoluteTimeoutSeconds of [1e21, 30 * 86400 + 1, Number.MAX_VALUE, Infinity, NaN, 3600.5, -1, 0]) {
      expect(problemsWith({ absoluteTimeoutSeconds }), String(absoluteTimeoutSeconds)).toEqual([
        {
          setting: "absoluteTimeoutSeconds",
          message: expect.stringMatching(/absolute timeout must be a whole number of seconds from 5 to 2592000/),
        },
      ]);
    }
    expect(problemsWith({ absoluteTimeoutSeconds: 30 * 86400 })).toEqual([]);
  });

  it("refuses an idle timeout longer than the absolute one", () => {
    expect(problemsWith({ idleTimeoutSeconds: 601, absoluteTimeoutSeconds: 600 })).toEqual([
      {
        setting: "idleTimeoutSeconds",
        message: "The idle timeout (601 s) cannot be longer than the absolute timeout (600 s).",
      },
    ]);
    expect(problemsWith({ idleTimeoutSeconds: 600, absoluteTimeoutSeconds: 600 })).toEqual([]);
  });

  it("refuses a re-authentication window or a write interval out of range", () => {
    expect(checkSessionPolicy({ REAUTH_MAX_AGE_SECONDS: String(86400 + 1) } as never).ok).toBe(false);
    expect(checkSessionPolicy({ SESSION_TOUCH_INTERVAL_SECONDS: "-1" } as never).ok).toBe(false);
    expect(checkSessionPolicy({ SESSION_TOUCH_INTERVAL_SECONDS: "0" } as never).ok).toBe(true);
  });

  it("keeps every deadline a valid date at the largest values it accepts", () => {
    const largest = checkSessionPolicy(env, { idleTimeoutSeconds: 30 * 86400, absoluteTimeoutSeconds: 30 * 86400 });
    expect(largest.ok).toBe(true);
    if (!largest.ok) return;
    const now = new Date();
    const { idleExpiresAt, absoluteExpiresAt } = getSessionDeadlines(
      { createdAt: now, lastSeenAt: now, absoluteExpiresAt: new Date(now.getTime() + 30 * 86400 * 1000) },
      largest.policy,
    );
    expect(Number.isNaN(idleExpiresAt.getTime()) || Number.isNaN(absoluteExpiresAt.getTime())).toBe(false);
  });
});

describe("timeout arithmetic", () => {
  it("ends an idle session exactly at the idle limit", { tags: ["@v5.0.0-7.3.1", "@v3.0.1-3.3"] }, () => {
    expect(findSessionExpiry(session(0), policy, at(599))).toBeNull();
    expect(findSessionExpiry(session(0), policy, at(600))).toBe("idle-timeout");
  });

  it("slides the idle window with activity", () => {
    expect(findSessionExpiry(session(500), policy, at(1000))).toBeNull();
    expect(getSessionDeadlines(session(500), policy).idleExpiresAt).toEqual(at(1100));
  });

  it(
    "ends an active session at the absolute limit, whatever the activity",
    { tags: ["@v5.0.0-7.3.2", "@v3.0.1-3.4"] },
    () => {
      expect(findSessionExpiry(session(3590), policy, at(3599))).toBeNull();
      expect(findSessionExpiry(session(3599), policy, at(3600))).toBe("absolute-timeout");
    },
  );

  it("never reports an idle deadline past the absolute one", () => {
    expect(getSessionDeadlines(session(3500), policy).idleExpiresAt).toEqual(at(3600));
  });

  it("applies a lowered absolute timeout to sessions that already exist, but never extends one", () => {
    const lowered = { ...policy, absoluteTimeoutSeconds: 1800 };
    expect(getSessionDeadlines(session(0), lowered).absoluteExpiresAt).toEqual(at(1800));
    const raised = { ...policy, absoluteTimeoutSeconds: 7200 };
    expect(getSessionDeadlines(session(0), raised).absoluteExpiresAt).toEqual(at(3600));
  });

  it("rewrites last-seen only once per touch interval, so the idle limit is early by at most that", () => {
    expect(isTouchDue(at(0), policy, at(29))).toBe(false);
    expect(isTouchDue(at(0), policy, at(30))).toBe(true);
    expect(isTouchDue(at(0), { ...policy, touchIntervalSeconds: 0 }, at(0))).toBe(true);
  });
});

describe("recent authentication", () => {
  it("lasts for the re-authentication window and not a moment longer", { tags: ["@v5.0.0-7.5.3"] }, () => {
    expect(isRecentlyAuthenticated(at(0), policy, at(299))).toBe(true);
    expect(isRecentlyAuthenticated(at(0), policy, at(300))).toBe(false);
  });
});

describe("the policy as documented", () => {
  it("is the policy the configuration page's table states", () => {
    const readme = readFileSync("docs/configuration-and-production.md", "utf8");
    for (const key of [
      "idleTimeoutSeconds",
      "absoluteTimeoutSeconds",
      "reauthenticationWindowSeconds",
      "maxConcurrentSessions",
    ] as const) {
      const row = new RegExp(
        `\\|\\s*\`${SESSION_POLICY_SETTINGS[key].env}\`\\s*\\|\\s*\`${SESSION_POLICY_DEFAULTS[key]}\``,
      );
      expect(readme).toMatch(row);
    }
  });
});
