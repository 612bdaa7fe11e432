import "server-only";
import { randomInt } from "node:crypto";
import { PROGRAM_TOKEN_POLICY } from "@/lib/session-policy";
import { db } from "./db";
import { generateSessionToken, hashSessionToken, isWellFormedSessionToken } from "./session-token";

// The only module that reads or writes device authorizations: a program's request to be linked, which the
// user approves in the browser by typing the short code the program shows (RFC 8628).

// RFC 8628's suggestion: consonants only, so no word is spelled and nothing looks like a digit.
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
const USER_CODE_LETTERS = 8;

export type DeviceRedemption =
  | { status: "approved"; userId: number; programName: string }
  | { status: "pending" | "slow-down" | "denied" | "expired" | "refused" };

/** "bcdf-ghjk", "BCDFGHJK" and " bcdf ghjk " all mean BCDF-GHJK; anything else is no code of ours. */
export function normalizeUserCode(input: string): string | null {
  const letters = input.toUpperCase().replace(/[\s-]/g, "");
  if (letters.length !== USER_CODE_LETTERS || [...letters].some((c) => !USER_CODE_ALPHABET.includes(c))) return null;
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/** A new request: the device code stays with the program, the user code goes to the user. */
export async function startDeviceAuthorization(programName: string) {
  const deviceCode = generateSessionToken();
  const letters = Array.from(
    { length: USER_CODE_LETTERS },
    () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)],
  );
  const userCode = normalizeUserCode(letters.join(""))!;
  const now = new Date();
  await db.deviceAuthorization.create({
    data: {
      deviceCodeHash: hashSessionToken(deviceCode),
      userCodeHash: hashSessionToken(userCode),
      programName,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PROGRAM_TOKEN_POLICY.deviceCodeSeconds * 1000),
    },
  });
  return { deviceCode, userCode };
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
  if (!isWellFormedSessionToken(deviceCode)) return { status: "refused" };
  const deviceCodeHash = hashSessionToken(deviceCode);
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
  return { userCodeHash: hashSessionToken(userCode), approvedAt: null, deniedAt: null };
}
