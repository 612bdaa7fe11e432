import "server-only";
import { cache } from "react";
import { getCurrentSession, peekCurrentSession, requireAdmin, requireUser } from "@/lib/server/auth";
import type { CheckedSession } from "@/lib/server/session";
import { signInNoticeFor } from "@/lib/session-end-notices";
import { isRecentlyAuthenticated } from "@/lib/session-policy";

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

/** Administrators only; everyone else sees the same "not found" as for a page that does not exist. */
export async function requireAdministrator(): Promise<Viewer> {
  return toViewer(await requireAdmin());
}

export type SessionStatus =
  | { status: "active"; idleExpiresAt: Date; absoluteExpiresAt: Date }
  | { status: "ended"; notice: string }
  | { status: "signed-out" };

/** Whether this browser's session is alive and until when, without counting as activity. */
export async function peekSessionStatus(): Promise<SessionStatus> {
  const current = await peekCurrentSession();
  if (current.status === "valid") {
    const { idleExpiresAt, absoluteExpiresAt } = current.session;
    return { status: "active", idleExpiresAt, absoluteExpiresAt };
  }
  if (current.status === "ended") return { status: "ended", notice: signInNoticeFor(current.reason) };
  return { status: "signed-out" };
}
