import "server-only";
import { findSessionExpiry, getSessionDeadlines, isTouchDue, readSessionPolicy } from "@/lib/session-policy";
import { logAuthEvent } from "./audit-log";
import { db } from "./db";
import { generatePublicId, generateSessionToken, hashSessionToken, tokenHashesMatch } from "./session-token";

// The only module that reads or writes session rows.

export type SessionEndReason =
  | "sign-out"
  | "replaced-by-sign-in"
  | "idle-timeout"
  | "absolute-timeout"
  | "user-disabled";

export type ClientInfo = { ipAddress: string | null; userAgent: string | null };

export type ValidSession = {
  id: number;
  publicId: string;
  createdAt: Date;
  lastSeenAt: Date;
  authenticatedAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
};

export type SessionUser = { id: number; email: string };

export type SessionValidation =
  | { status: "valid"; session: ValidSession; user: SessionUser }
  | { status: "ended"; reason: SessionEndReason }
  | { status: "none" };

const policy = readSessionPolicy();

export async function createSession(userId: number, client: ClientInfo) {
  const token = generateSessionToken();
  const now = new Date();
  const session = await db.session.create({
    data: {
      publicId: generatePublicId(),
      tokenHash: hashSessionToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      authenticatedAt: now,
      absoluteExpiresAt: new Date(now.getTime() + policy.absoluteTimeoutSeconds * 1000),
      ipAddress: client.ipAddress,
      userAgent: client.userAgent,
    },
  });
  return { token, session };
}

/** The one check every request goes through: one indexed lookup, then the policy. */
export async function validateSessionToken(token: string): Promise<SessionValidation> {
  const tokenHash = hashSessionToken(token);
  const row = await findSessionWithUser(tokenHash);
  if (!row || !tokenHashesMatch(row.tokenHash, tokenHash)) return { status: "none" };
  if (row.endedAt) return { status: "ended", reason: row.endReason as SessionEndReason };

  const now = new Date();
  const ended = row.disabledAt ? "user-disabled" : findSessionExpiry(row, policy, now);
  if (ended) {
    await endSession(row, ended, now);
    return { status: "ended", reason: ended };
  }

  const touched = isTouchDue(row.lastSeenAt, policy, now);
  if (touched) await db.session.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  const lastSeenAt = touched ? now : row.lastSeenAt;
  return {
    status: "valid",
    session: {
      id: row.id,
      publicId: row.publicId,
      createdAt: row.createdAt,
      lastSeenAt,
      authenticatedAt: row.authenticatedAt,
      ...getSessionDeadlines({ ...row, lastSeenAt }, policy),
    },
    user: { id: row.userId, email: row.email },
  };
}

type SessionWithUser = {
  id: number;
  publicId: string;
  tokenHash: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  authenticatedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  email: string;
  disabledAt: Date | null;
};

// One query through the unique index, user included: Prisma's `include` would send a second one.
async function findSessionWithUser(tokenHash: string): Promise<SessionWithUser | null> {
  const rows = await db.$queryRaw<SessionWithUser[]>`
    SELECT s."id", s."publicId", s."tokenHash", s."userId", s."createdAt", s."lastSeenAt", s."absoluteExpiresAt",
           s."authenticatedAt", s."endedAt", s."endReason", u."email", u."disabledAt"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."tokenHash" = ${tokenHash}`;
  return rows[0] ?? null;
}

type SessionRef = { id: number; publicId: string; userId: number };

/** Ends a session for good; the first reason recorded is kept. */
export async function endSession(session: SessionRef, reason: SessionEndReason, now = new Date()) {
  const { count } = await db.session.updateMany({
    where: { id: session.id, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  if (count === 0) return;
  logAuthEvent("session-ended", { outcome: "success", userId: session.userId, session: session.publicId, reason });
}

export async function endSessionByToken(token: string, reason: SessionEndReason) {
  const row = await db.session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    select: { id: true, publicId: true, userId: true },
  });
  if (row) await endSession(row, reason);
}
