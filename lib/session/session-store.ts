import "server-only";
import {
  SESSION_BATCH_SIZE,
  findPassedDeadline,
  getSessionDeadlines,
  isTouchDue,
  lastTouchDueAt,
  type SessionPolicy,
} from "@/lib/session/session-policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { logAuthEvent, sessionLogReference } from "@/lib/platform/audit-log";
import type { ClientInfo } from "@/lib/platform/request-info";
import { db, readPrepared } from "@/lib/platform/db";
import {
  applyPendingSignOuts,
  hasPendingSignOuts,
  isPendingSignOut,
  keepPendingSignOut,
} from "@/lib/session/pending-revocations";
import { getSessionPolicy, readRecentSessionPolicy } from "@/lib/session/policy-overrides";
import type { PreparedRead } from "@/lib/platform/prepared-reads";
import { tellSessionsEnded, tellUsedElsewhere, type SessionEndReason } from "@/lib/session/session-events";
import { generatePublicId, generateSessionToken, hashSessionToken } from "@/lib/session/session-token";

// The only module that reads or writes session rows.

export type { SessionEndReason } from "@/lib/session/session-events";

export type ValidSession = {
  id: number;
  publicId: string;
  tokenHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  authenticatedAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
};

export type SessionUser = { id: number; email: string; role: string };

/** A session that passed the check, with the policy it was checked against. */
export type CheckedSession = { status: "valid"; session: ValidSession; user: SessionUser; policy: SessionPolicy };

export type SessionValidation = CheckedSession | { status: "ended"; reason: SessionEndReason } | { status: "none" };

/**
 * A new session for a fresh sign-in. In the same transaction, sessions beyond the per-user limit are
 * ended, least recently used first, so two sign-ins that race cannot both slip past the limit.
 */
export async function createSession(userId: number, client: ClientInfo) {
  const policy = await getSessionPolicy();
  const token = generateSessionToken();
  const { session, evicted } = await db.$transaction(async (tx) => {
    await lockUserSessions(tx, userId);
    // Read once this sign-in has its turn: one that waited is then newer than those that went before it, and the
    // least recently used session the limit ends is never one just handed out.
    const now = new Date();
    const session = await tx.session.create({
      data: {
        ...newSessionFields(token, userId, client, now),
        createdAt: now,
        absoluteExpiresAt: new Date(now.getTime() + policy.absoluteTimeoutSeconds * 1000),
      },
    });
    const live = await tx.session.findMany({
      where: { userId, ...liveSessionFilter(policy, now) },
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const surplus = live.filter((row) => row.id !== session.id).slice(policy.maxConcurrentSessions - 1);
    const evicted = await endSessionsWhere(tx, { id: { in: surplus.map((row) => row.id) } }, "evicted", now);
    return { session, evicted };
  });
  return { token, session, evicted };
}

/**
 * A new token for the same sign-in, after the user confirmed their password: the old token stops
 * working at once. The sign-in time and the absolute limit carry over; re-authenticating renews the
 * token and the re-authentication window, never the session's lifetime.
 */
export async function rotateSession(current: ValidSession, userId: number, client: ClientInfo) {
  const token = generateSessionToken();
  const now = new Date();
  const session = await db.$transaction(async (tx) => {
    const ended = await endSessionsWhere(tx, { id: current.id }, "rotated", now);
    if (ended === 0) throw new Error("The session ended before it could be renewed.");
    return tx.session.create({
      data: {
        ...newSessionFields(token, userId, client, now),
        createdAt: current.createdAt,
        absoluteExpiresAt: current.absoluteExpiresAt,
      },
    });
  });
  return { token, session };
}

/**
 * The one check every request goes through: one indexed lookup, then the policy it applied.
 * `activity: false` looks without counting as activity (the page's countdown polls that way). `client` says who
 * is asking: "last seen" is written, with it as the session's last use, once the write interval has passed, or at
 * once when the request comes from another address or device than the last one recorded, so that a stolen
 * cookie in use shows on its owner's sessions page without delay.
 * Nothing is awaited that has already answered (see lib/platform/prepared-reads.ts).
 */
export async function validateSessionToken(
  token: string,
  { activity = true, client }: { activity?: boolean; client?: ClientInfo } = {},
): Promise<SessionValidation> {
  const tokenHash = hashSessionToken(token);
  if (hasPendingSignOuts()) await retryPendingSignOuts();
  // Signed out while the database was unreachable: refused even before the database has recorded it.
  if (isPendingSignOut(tokenHash)) return { status: "ended", reason: "sign-out" };
  const found = readPrepared(FIND_SESSION_WITH_USER, [tokenHash]);
  const row = (Array.isArray(found) ? found : await found)[0];
  if (!row) return { status: "none" };
  if (row.endedAt) return { status: "ended", reason: row.endReason as SessionEndReason };

  const policy = readRecentSessionPolicy() ?? (await getSessionPolicy());
  const now = new Date();
  const deadlines = getSessionDeadlines(row, policy);
  const ended = row.disabledAt ? "user-disabled" : findPassedDeadline(deadlines, now);
  if (ended) {
    await endSessionsWhere(db, { id: row.id }, ended, now);
    return { status: "ended", reason: ended };
  }

  const touchDue = activity && isTouchDue(row.lastSeenAt, policy, now);
  const usedElsewhere = activity && client !== undefined && isUseFromElsewhere(row, client);
  if (touchDue || usedElsewhere) {
    const lastUse = client ? { lastIpAddress: client.ipAddress, lastUserAgent: client.userAgent } : {};
    // Requests that arrive together all find a due write due; the condition lets only the first one make it.
    // A use from elsewhere is written whatever the interval, each time the last use changes hands.
    await db.session.updateMany({
      where: { id: row.id, ...(usedElsewhere ? {} : { lastSeenAt: { lte: lastTouchDueAt(policy, now) } }) },
      data: { lastSeenAt: now, ...lastUse },
    });
    // Listeners (the owner's security activity) decide whether the use is worth recording.
    if (usedElsewhere) {
      const signIn = { ipAddress: row.ipAddress, userAgent: row.userAgent };
      await tellUsedElsewhere({ userId: row.userId, signIn, lastUse: client!, at: now }, db);
    }
  }
  const touched = touchDue || usedElsewhere;
  return {
    status: "valid",
    session: {
      id: row.id,
      publicId: row.publicId,
      tokenHash: row.tokenHash,
      createdAt: row.createdAt,
      lastSeenAt: touched ? now : row.lastSeenAt,
      authenticatedAt: row.authenticatedAt,
      ...(touched ? getSessionDeadlines({ ...row, lastSeenAt: now }, policy) : deadlines),
    },
    user: { id: row.userId, email: row.email, role: row.role },
    policy,
  };
}

type ClientsSeen = {
  ipAddress: string | null;
  userAgent: string | null;
  lastIpAddress: string | null;
  lastUserAgent: string | null;
};

/**
 * A request from another address or device than both the session's last recorded use and its sign-in. The
 * sign-in's own client waits for the write interval like any request, so that the owner, looking at the sessions
 * page from the session a thief also uses, does not overwrite the thief's use at once.
 */
function isUseFromElsewhere(row: ClientsSeen, client: ClientInfo) {
  const same = (ipAddress: string | null, userAgent: string | null) =>
    ipAddress === client.ipAddress && userAgent === client.userAgent;
  return !same(row.lastIpAddress, row.lastUserAgent) && !same(row.ipAddress, row.userAgent);
}

/** The user's live sessions, most recently active first; nothing secret in them. */
export async function listLiveSessions(userId: number) {
  const policy = await getSessionPolicy();
  const rows = await db.session.findMany({
    where: { userId, ...liveSessionFilter(policy, new Date()) },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    select: {
      publicId: true,
      createdAt: true,
      lastSeenAt: true,
      absoluteExpiresAt: true,
      ipAddress: true,
      userAgent: true,
      lastIpAddress: true,
      lastUserAgent: true,
    },
  });
  return rows.map((row) => ({ ...row, ...getSessionDeadlines(row, policy) }));
}

export async function countLiveSessionsByUser() {
  const policy = await getSessionPolicy();
  const groups = await db.session.groupBy({
    by: ["userId"],
    where: liveSessionFilter(policy, new Date()),
    _count: true,
  });
  return new Map(groups.map((group) => [group.userId, group._count]));
}

/** Ends one of the user's own sessions by its public id; false when the user has no such session. */
export async function endUserSession(userId: number, publicId: string, reason: SessionEndReason) {
  return (await endSessionsWhere(db, { userId, publicId }, reason)) > 0;
}

export async function endOtherUserSessions(userId: number, keepSessionId: number, reason: SessionEndReason) {
  return endSessionsWhere(db, { userId, id: { not: keepSessionId } }, reason);
}

export async function endAllUserSessions(userId: number, reason: SessionEndReason) {
  return endSessionsWhere(db, { userId }, reason);
}

/** Every session of every user, except the one named (the administrator's own, if given). */
export async function endEverySession(reason: SessionEndReason, keepSessionId?: number) {
  return endSessionsWhere(db, keepSessionId ? { id: { not: keepSessionId } } : {}, reason);
}

/**
 * Ends the session a token belongs to. A sign-out the database cannot take is kept as pending: the token
 * is refused from then on and the session is ended in the database once it answers again. Still throws,
 * so the caller can say the server could not confirm it.
 */
export async function endSessionByToken(token: string, reason: SessionEndReason) {
  const tokenHash = hashSessionToken(token);
  try {
    await endSessionsWhere(db, { tokenHash }, reason);
  } catch (error) {
    if (reason === "sign-out") keepPendingSignOut(tokenHash);
    throw error;
  }
}

/**
 * Ends open sessions past a limit that nobody has presented since (a presented one is ended on the spot), as
 * the session check would have: the absolute limit first, then the idle one. A batch at a time.
 */
export async function endAbandonedSessions(now = new Date()): Promise<number> {
  const policy = await getSessionPolicy();
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const sweeps: { reason: SessionEndReason; where: Prisma.SessionWhereInput }[] = [
    {
      reason: "absolute-timeout",
      where: { OR: [{ absoluteExpiresAt: { lte: now } }, { createdAt: { lte: ago(policy.absoluteTimeoutSeconds) } }] },
    },
    { reason: "idle-timeout", where: { lastSeenAt: { lte: ago(policy.idleTimeoutSeconds) } } },
  ];
  let ended = 0;
  for (const { reason, where } of sweeps) {
    for (;;) {
      const batch = await endSessionsWhere(db, where, reason, now, SESSION_BATCH_SIZE);
      if (batch === 0) break;
      ended += batch;
    }
  }
  return ended;
}

/** Deletes sessions that ended before the given moment, a batch at a time; returns how many. */
export async function deleteSessionsEndedBefore(cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = await db.session.findMany({
      where: { endedAt: { lt: cutoff } },
      select: { id: true },
      take: SESSION_BATCH_SIZE,
    });
    if (batch.length === 0) return deleted;
    deleted += (await db.session.deleteMany({ where: { id: { in: batch.map((row) => row.id) } } })).count;
  }
}

async function retryPendingSignOuts() {
  try {
    await applyPendingSignOuts((tokenHashes) => endSessionsWhere(db, { tokenHash: { in: tokenHashes } }, "sign-out"));
  } catch {
    // Still unreachable: the sign-outs stay pending and are tried again on a later request.
  }
}

type Client = Prisma.TransactionClient | typeof db;
type EndedSession = {
  id: number;
  userId: number;
  tokenHash: string;
  lastIpAddress: string | null;
  lastUserAgent: string | null;
};

/**
 * Makes sign-ins of one user take turns until the transaction ends, so that each one counts the sessions the
 * others created. SQLite already runs one write transaction at a time; on PostgreSQL this row lock does it.
 */
async function lockUserSessions(tx: Prisma.TransactionClient, userId: number) {
  await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "id" = ${userId}`;
}

/** Ends matching sessions that are still open (at most `limit`), keeps the rows for auditing, logs each one. */
async function endSessionsWhere(
  client: Client,
  where: Prisma.SessionWhereInput,
  reason: SessionEndReason,
  now = new Date(),
  limit?: number,
) {
  const candidates = await client.session.findMany({
    where: { ...where, endedAt: null },
    select: { id: true },
    take: limit,
  });
  const open: EndedSession[] = [];
  for (let start = 0; start < candidates.length; start += SESSION_BATCH_SIZE) {
    const ids = candidates.slice(start, start + SESSION_BATCH_SIZE).map((row) => row.id);
    // One statement ends the batch and returns what it ended. A session that another request ends at the same
    // moment is ended, logged and reported by exactly one of them: PostgreSQL checks "endedAt" again once it
    // holds the row, and SQLite runs one write at a time.
    open.push(
      ...(await client.$queryRaw<EndedSession[]>`
        UPDATE "Session" SET "endedAt" = ${now}, "endReason" = ${reason}
        WHERE "id" IN (${Prisma.join(ids)}) AND "endedAt" IS NULL
        RETURNING "id", "userId", "tokenHash", "lastIpAddress", "lastUserAgent"`),
    );
  }
  if (open.length === 0) return 0;
  // The session has ended whether or not its owner's activity page hears of it.
  await tellSessionsEnded(
    open.map((row) => ({
      userId: row.userId,
      reason,
      lastUse: { ipAddress: row.lastIpAddress, userAgent: row.lastUserAgent },
      at: now,
    })),
    client,
  );
  for (const row of open) {
    logAuthEvent("session-ended", {
      outcome: "success",
      userId: row.userId,
      sessionRef: sessionLogReference(row.tokenHash),
      reason,
    });
  }
  return open.length;
}

function newSessionFields(token: string, userId: number, client: ClientInfo, now: Date) {
  return {
    publicId: generatePublicId(),
    tokenHash: hashSessionToken(token),
    userId,
    lastSeenAt: now,
    authenticatedAt: now,
    ipAddress: client.ipAddress,
    userAgent: client.userAgent,
    lastIpAddress: client.ipAddress,
    lastUserAgent: client.userAgent,
  };
}

/** Not ended and within both limits: what counts towards the per-user maximum and the sessions page. */
function liveSessionFilter(policy: SessionPolicy, now: Date): Prisma.SessionWhereInput {
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  return {
    endedAt: null,
    absoluteExpiresAt: { gt: now },
    createdAt: { gt: ago(policy.absoluteTimeoutSeconds) },
    lastSeenAt: { gt: ago(policy.idleTimeoutSeconds) },
  };
}

type SessionWithUser = Omit<ValidSession, "idleExpiresAt"> &
  ClientsSeen & {
    userId: number;
    endedAt: Date | null;
    endReason: string | null;
    email: string;
    role: string;
    disabledAt: Date | null;
  };

// One query through the unique index, user included, prepared once and reused (see lib/platform/prepared-reads.ts).
const FIND_SESSION_WITH_USER: PreparedRead<SessionWithUser> = {
  name: "find-session-with-user",
  sql: `SELECT s."id", s."publicId", s."tokenHash", s."userId", s."createdAt", s."lastSeenAt", s."absoluteExpiresAt",
               s."authenticatedAt", s."endedAt", s."endReason", s."ipAddress", s."userAgent", s."lastIpAddress",
               s."lastUserAgent", u."email", u."role", u."disabledAt"
        FROM "Session" s JOIN "User" u ON u."id" = s."userId"
        WHERE s."tokenHash" = $1`,
  dateColumns: ["createdAt", "lastSeenAt", "absoluteExpiresAt", "authenticatedAt", "endedAt", "disabledAt"],
};
