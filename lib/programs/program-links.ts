import "server-only";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { logAuthEvent } from "@/lib/platform/audit-log";
import { db } from "@/lib/platform/db";
import { generatePublicId } from "@/lib/session/session-token";
import { generateRefreshToken, hashProgramSecret, isWellFormedProgramSecret } from "@/lib/programs/program-secrets";

// The only module that reads or writes program links and their refresh tokens.

export type LinkEndReason =
  | "unlinked-by-user"
  | "unlinked-by-program"
  | "refresh-token-reused"
  | "refresh-token-expired"
  | "signed-out-everywhere"
  | "password-changed"
  | "revoked-by-admin"
  | "user-disabled";

export type RefreshOutcome =
  | { status: "rotated"; userId: number; linkPublicId: string; refreshToken: string }
  | { status: "reused" }
  | { status: "refused" };

// Writing the last use once a minute is enough to show it; it keeps each API call to one read.
const LAST_USE_WRITE_INTERVAL_MS = 60_000;
const ENDED_LINKS_SHOWN_FOR_MS = 30 * 24 * 3600 * 1000;

/** A new link and its first refresh token, which is returned once and stored only as a hash. */
export async function createProgramLink(userId: number, name: string) {
  const refreshToken = generateRefreshToken();
  const now = new Date();
  const link = await db.programLink.create({
    data: {
      publicId: generatePublicId(),
      userId,
      name,
      createdAt: now,
      refreshTokens: { create: refreshTokenFields(refreshToken, now) },
    },
    select: { publicId: true, name: true, createdAt: true },
  });
  logAuthEvent("program-linked", { outcome: "success", userId });
  return { link, refreshToken };
}

/**
 * Trades a refresh token for the next one: each works once. A token that was already traded is a copy
 * in someone else's hands (or the program's, replaying): the whole link ends, for the program and the thief.
 */
export async function exchangeRefreshToken(refreshToken: string, address: string | null): Promise<RefreshOutcome> {
  if (!isWellFormedProgramSecret(refreshToken)) return { status: "refused" };
  const tokenHash = hashProgramSecret(refreshToken);
  const now = new Date();
  const outcome = await db.$transaction(async (tx): Promise<RefreshOutcome & { userId?: number }> => {
    const row = await tx.refreshToken.findUnique({
      where: { tokenHash },
      select: {
        usedAt: true,
        expiresAt: true,
        link: {
          select: { id: true, publicId: true, userId: true, endedAt: true, user: { select: { disabledAt: true } } },
        },
      },
    });
    if (!row || row.link.endedAt || row.link.user.disabledAt) return { status: "refused" };
    const { link } = row;
    if (row.expiresAt <= now) {
      await endLinksWhere(tx, { id: link.id }, "refresh-token-expired", now);
      return { status: "refused" };
    }
    // Claiming the token and checking it was unused is one statement, so two racing refreshes cannot both win.
    const claimed = await tx.refreshToken.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) {
      await endLinksWhere(tx, { id: link.id }, "refresh-token-reused", now);
      return { status: "reused", userId: link.userId };
    }
    const next = generateRefreshToken();
    await tx.refreshToken.create({ data: { ...refreshTokenFields(next, now), linkId: link.id } });
    await tx.programLink.update({ where: { id: link.id }, data: { lastUsedAt: now, lastUsedAddress: address } });
    return { status: "rotated", userId: link.userId, linkPublicId: link.publicId, refreshToken: next };
  });
  if (outcome.status === "reused") {
    logAuthEvent("refresh-token-reused", { outcome: "failure", userId: outcome.userId });
    return { status: "reused" };
  }
  return outcome;
}

/**
 * The link an access token names, if it is live and belongs to the token's user: the check that makes
 * ending a link take effect on the program's very next call. Records the use about once a minute, and
 * at once when the program calls from a new address.
 */
export async function findLiveLinkForCall(userId: number, publicId: string, address: string | null) {
  const link = await findLinkWithUser(publicId);
  if (!link || link.userId !== userId || link.endedAt || link.disabledAt) return null;
  const now = new Date();
  const due = !link.lastUsedAt || now.getTime() - link.lastUsedAt.getTime() >= LAST_USE_WRITE_INTERVAL_MS;
  if (due || link.lastUsedAddress !== address) {
    await db.programLink.update({ where: { id: link.id }, data: { lastUsedAt: now, lastUsedAddress: address } });
  }
  return { userId, email: link.email, link: { publicId, name: link.name } };
}

/** The user's links: live ones, and those ended in the last 30 days with the reason. Nothing secret. */
export async function listProgramLinks(userId: number) {
  return db.programLink.findMany({
    where: {
      userId,
      OR: [{ endedAt: null }, { endedAt: { gt: new Date(Date.now() - ENDED_LINKS_SHOWN_FOR_MS) } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      publicId: true,
      name: true,
      createdAt: true,
      lastUsedAt: true,
      lastUsedAddress: true,
      endedAt: true,
      endReason: true,
    },
  });
}

/** Ends one of the user's own links; false when the user has no such live link. */
export async function endProgramLink(userId: number, publicId: string, reason: LinkEndReason) {
  return (await endLinksWhere(db, { userId, publicId }, reason)) > 0;
}

export async function endUserProgramLinks(userId: number, reason: LinkEndReason) {
  return endLinksWhere(db, { userId }, reason);
}

export async function endEveryProgramLink(reason: LinkEndReason) {
  return endLinksWhere(db, {}, reason);
}

async function endLinksWhere(
  client: Prisma.TransactionClient,
  where: Prisma.ProgramLinkWhereInput,
  reason: LinkEndReason,
  now = new Date(),
) {
  const candidates = await client.programLink.findMany({ where: { ...where, endedAt: null }, select: { id: true } });
  if (candidates.length === 0) return 0;
  // Ends them and returns what it ended in one statement, so a link two requests end at once is logged once
  // (on PostgreSQL they can overlap; SQLite runs one write at a time).
  const open = await client.$queryRaw<{ userId: number; publicId: string }[]>`
    UPDATE "ProgramLink" SET "endedAt" = ${now}, "endReason" = ${reason}
    WHERE "id" IN (${Prisma.join(candidates.map((row) => row.id))}) AND "endedAt" IS NULL
    RETURNING "userId", "publicId"`;
  for (const row of open) {
    logAuthEvent("program-link-ended", { outcome: "success", userId: row.userId, linkId: row.publicId, reason });
  }
  return open.length;
}

type LinkWithUser = {
  id: number;
  name: string;
  userId: number;
  endedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
  email: string;
  disabledAt: Date | null;
};

// One query through the unique index, user included: Prisma's `include` would send a second one.
async function findLinkWithUser(publicId: string): Promise<LinkWithUser | null> {
  const rows = await db.$queryRaw<LinkWithUser[]>`
    SELECT l."id", l."name", l."userId", l."endedAt", l."lastUsedAt", l."lastUsedAddress", u."email", u."disabledAt"
    FROM "ProgramLink" l JOIN "User" u ON u."id" = l."userId"
    WHERE l."publicId" = ${publicId}`;
  return rows[0] ?? null;
}

function refreshTokenFields(refreshToken: string, now: Date) {
  return {
    tokenHash: hashProgramSecret(refreshToken),
    createdAt: now,
    expiresAt: new Date(now.getTime() + PROGRAM_TOKEN_POLICY.refreshTokenSeconds * 1000),
  };
}
