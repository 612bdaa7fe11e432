import "server-only";
import { compareLastUse } from "@/lib/activity/device";
import type { SecurityEventKind } from "@/lib/activity/event-kinds";
import { recordSecurityEvents } from "@/lib/activity/security-activity";
import { subscribeToSessionEvents } from "@/lib/session/session-events";
import type { SessionEndReason } from "@/lib/session/session-store";

// The owner's security activity hears from the session store through its events (lib/session/session-events.ts):
// every session that ended, and a session used from elsewhere. Subscribed once per process, where it starts
// (instrumentation.ts, and each command-line tool that ends sessions).

export function subscribeActivityToSessions() {
  return subscribeToSessionEvents("security activity", {
    async sessionsEnded(sessions, database) {
      await recordSecurityEvents(
        database,
        sessions.map(({ userId, reason, lastUse, at }) => ({
          userId,
          ...securityEventForEnding(reason),
          client: lastUse,
          at,
        })),
      );
    },
    // Kept only for what the sessions page shows only until the next use: a session used from another kind of
    // device, or another network, than its sign-in (counted broadly, see lib/activity/device.ts).
    async usedElsewhere({ userId, signIn, lastUse, at }, database) {
      const { otherDevice, otherNetwork } = compareLastUse(signIn, lastUse);
      if (!otherDevice && !otherNetwork) return;
      await recordSecurityEvents(database, [{ userId, kind: "session-used-elsewhere", client: lastUse, at }]);
    },
  });
}

/** How the owner's security activity names a session's end: the device shown is the one that used it last. */
function securityEventForEnding(reason: SessionEndReason): { kind: SecurityEventKind; detail: string | null } {
  if (reason === "sign-out") return { kind: "signed-out", detail: null };
  if (reason === "rotated") return { kind: "session-renewed", detail: null };
  if (reason === "idle-timeout" || reason === "absolute-timeout") return { kind: "session-expired", detail: reason };
  return { kind: "session-ended", detail: reason };
}
