import "server-only";
import { cache } from "react";
import { getCurrentSession, requireUser } from "@/lib/session/current-session";
import type { CheckedSession } from "@/lib/session/session-store";
import { isRecentlyAuthenticated } from "@/lib/session/session-policy";

/** Who is asking, with only what pages show about them and their session. */
export type Viewer = {
  email: string;
  isAdmin: boolean;
  /** The password was confirmed recently enough for a sensitive action. */
  recentlyAuthenticated: boolean;
  session: { publicId: string; createdAt: Date; authenticatedAt: Date; idleExpiresAt: Date; absoluteExpiresAt: Date };
  policy: { idleTimeoutSeconds: number; maxConcurrentSessions: number };
};

function toViewer({ user, session, policy }: CheckedSession): Viewer {
  return {
    email: user.email,
    isAdmin: user.role === "admin",
    recentlyAuthenticated: isRecentlyAuthenticated(session.authenticatedAt, policy, new Date()),
    session: {
      publicId: session.publicId,
      createdAt: session.createdAt,
      authenticatedAt: session.authenticatedAt,
      idleExpiresAt: session.idleExpiresAt,
      absoluteExpiresAt: session.absoluteExpiresAt,
    },
    policy: { idleTimeoutSeconds: policy.idleTimeoutSeconds, maxConcurrentSessions: policy.maxConcurrentSessions },
  };
}

/** The signed-in viewer, or null; once per request however many components ask. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const current = await getCurrentSession();
  return current.status === "valid" ? toViewer(current) : null;
});

/** The signed-in viewer, or a redirect to the sign-in page that says why the session ended. */
export async function requireViewer(): Promise<Viewer> {
  return toViewer(await requireUser());
}
