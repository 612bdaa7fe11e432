import "server-only";
import { createHmac, randomInt } from "node:crypto";
import { SESSION_CLEANUP_POLICY } from "@/lib/session/cleanup-policy";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";
import { deriveKeyFromSecret } from "@/lib/platform/secrets";
import { generateDeviceCode, hashProgramSecret, isWellFormedProgramSecret } from "@/lib/programs/program-secrets";

// The only module that reads or writes device authorizations: a program's request to be linked, which the
// user approves in the browser by typing the short code the program shows (RFC 8628).

// RFC 8628's suggestion: consonants only, so no word is spelled and nothing looks like a digit.
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
const USER_CODE_LETTERS = 8;

export type DeviceRedemption =
  | { status: "approved"; userId: number; programName: string }
  | { status: "pending" | "slow-down" | "denied" | "expired" | "refused" };

/**
 * A person types the code, so RFC 8628's leniency applies: "bcdf-ghjk", "BCDFGHJK" and " bcdf ghjk " all mean
 * BCDF-GHJK. Only plain ASCII letters, spaces and hyphens are read that way; anything else (other scripts,
 * ligatures that upper-case into two letters, digits) is no code of ours.
 */
export function normalizeUserCode(input: string): string | null {
  if (!/^[A-Za-z\s-]{1,32}$/.test(input)) return null;
  const letters = input.toUpperCase().replace(/[\s-]/g, "");
  if (letters.length !== USER_CODE_LETTERS || [...letters].some((c) => !USER_CODE_ALPHABET.includes(c))) return null;
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/**
 * A new request: the device code stays with the program, the user code goes to the user. Null while the
 * policy's number of requests already wait for an answer, from every address together.
 */
export async function startDeviceAuthorization(programName: string) {
  const now = new Date();
  const waiting = await db.deviceAuthorization.count({
    where: { expiresAt: { gt: now }, approvedAt: null, deniedAt: null },
  });
  if (waiting >= PROGRAM_TOKEN_POLICY.pendingDeviceRequestsLimit) return null;
  // 20^8 user codes: a second try after a collision with a code still stored is all it ever takes.
  for (let attempt = 1; ; attempt++) {
    const deviceCode = generateDeviceCode();
    const userCode = newUserCode();
    try {
      await db.deviceAuthorization.create({
        data: {
          deviceCodeHash: hashProgramSecret(deviceCode),
          userCodeHash: hashUserCode(userCode),
          programName,
          createdAt: now,
          expiresAt: new Date(now.getTime() + PROGRAM_TOKEN_POLICY.deviceCodeSeconds * 1000),
        },
      });
      return { deviceCode, userCode };
    } catch (error) {
      const collided = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!collided || attempt === 3) throw error;
    }
  }
}

/**
 * Deletes requests that were redeemed (a device code works once) or expired long enough ago that no program still
 * polls with them (a poll soon after the expiry hears "expired", later ones "invalid"), a batch at a time.
 */
export async function deleteFinishedDeviceAuthorizations(now = new Date()): Promise<number> {
  const longExpired = new Date(now.getTime() - PROGRAM_TOKEN_POLICY.deviceCodeSeconds * 1000);
  let deleted = 0;
  for (;;) {
    const batch = await db.deviceAuthorization.findMany({
      where: { OR: [{ expiresAt: { lte: longExpired } }, { redeemedAt: { not: null } }] },
      select: { id: true },
      take: SESSION_CLEANUP_POLICY.batchSize,
    });
    if (batch.length === 0) return deleted;
    deleted += (await db.deviceAuthorization.deleteMany({ where: { id: { in: batch.map((row) => row.id) } } })).count;
  }
}

/** The program behind a code the user typed, while it still waits for an answer. */
export async function findPendingDeviceAuthorization(userCode: string) {
  return db.deviceAuthorization.findFirst({
    where: { ...pendingWhere(userCode), expiresAt: { gt: new Date() } },
    select: { programName: true, createdAt: true },
  });
}

/** The user's answer; false when the code is unknown, expired or already answered. */
export async function answerDeviceAuthorization(userCode: string, userId: number, answer: "approve" | "deny") {
  const now = new Date();
  const { count } = await db.deviceAuthorization.updateMany({
    where: { ...pendingWhere(userCode), expiresAt: { gt: now } },
    data: answer === "approve" ? { approvedByUserId: userId, approvedAt: now } : { deniedAt: now },
  });
  return count === 1;
}

/** The program asking whether the user has answered. An approved code is handed out once. */
export async function redeemDeviceCode(deviceCode: string): Promise<DeviceRedemption> {
  if (!isWellFormedProgramSecret(deviceCode)) return { status: "refused" };
  const deviceCodeHash = hashProgramSecret(deviceCode);
  const now = new Date();
  const row = await db.deviceAuthorization.findUnique({
    where: { deviceCodeHash },
    include: { approvedBy: { select: { disabledAt: true } } },
  });
  if (!row || row.redeemedAt) return { status: "refused" };
  if (row.expiresAt <= now) return { status: "expired" };
  if (row.deniedAt) return { status: "denied" };
  if (!row.approvedAt || !row.approvedByUserId) {
    await db.deviceAuthorization.update({ where: { id: row.id }, data: { lastPolledAt: now } });
    // Half the interval: a program that waits as told is never told off for the network's jitter.
    const tooSoon = (PROGRAM_TOKEN_POLICY.devicePollIntervalSeconds * 1000) / 2;
    return row.lastPolledAt && now.getTime() - row.lastPolledAt.getTime() < tooSoon
      ? { status: "slow-down" }
      : { status: "pending" };
  }
  if (row.approvedBy?.disabledAt) return { status: "refused" };
  const { count } = await db.deviceAuthorization.updateMany({
    where: { id: row.id, redeemedAt: null },
    data: { redeemedAt: now },
  });
  if (count !== 1) return { status: "refused" };
  return { status: "approved", userId: row.approvedByUserId, programName: row.programName };
}

function pendingWhere(userCode: string) {
  return { userCodeHash: hashUserCode(userCode), approvedAt: null, deniedAt: null };
}

function newUserCode() {
  const letters = Array.from(
    { length: USER_CODE_LETTERS },
    () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)],
  );
  return normalizeUserCode(letters.join(""))!;
}

let userCodeKey: Buffer | undefined;

/** Keyed, unlike the device code's hash: 20^8 codes are too few to keep a plain hash secret. */
function hashUserCode(userCode: string) {
  userCodeKey ??= deriveKeyFromSecret("user code");
  return createHmac("sha256", userCodeKey).update(userCode).digest("hex");
}
