import "server-only";
import { after } from "next/server";
import { describeDevice, describeDeviceKind } from "@/lib/activity/device";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeSecurityEvent, NEW_DEVICE, type SecurityEventKind } from "@/lib/activity/event-kinds";
import { logFailure } from "@/lib/platform/audit-log";
import { db } from "@/lib/platform/db";
import { sendMail } from "@/lib/activity/mail";
import { readPublicOrigin } from "@/lib/platform/public-origin";
import type { ClientInfo } from "@/lib/platform/request-info";

// The only module that reads or writes the security activity a user sees about their own account, and that
// sends notices about it.

export type SecurityEventRecord = {
  userId: number;
  kind: SecurityEventKind;
  detail?: string | null;
  client?: ClientInfo | null;
  at?: Date;
  notice?: boolean;
};

type Client = Prisma.TransactionClient | typeof db;

const SHOWN_EVENTS = 100;
const DEVICES_REMEMBERED = 200;

export async function recordSecurityEvents(client: Client, events: SecurityEventRecord[]) {
  if (events.length === 0) return;
  await client.securityEvent.createMany({
    data: events.map(({ userId, kind, detail, client: seenFrom, at, notice }) => ({
      userId,
      kind,
      detail: detail ?? null,
      ipAddress: seenFrom?.ipAddress ?? null,
      userAgent: seenFrom?.userAgent ?? null,
      notice: notice ?? false,
      ...(at ? { at } : {}),
    })),
  });
}

export async function recordSecurityEvent(event: SecurityEventRecord) {
  await recordSecurityEvents(db, [event]);
}

/**
 * Recorded after the response has gone: a failed password check writes this only for accounts that exist,
 * and must take as long as one for an email that has none.
 */
export function recordSecurityEventLater(event: SecurityEventRecord) {
  after(() => recordSecurityEvent(event).catch((error) => logFailure("security activity", error)));
}

/**
 * Records a sign-in. One from a kind of device this account has not used before (another browser or
 * system) becomes a notice, and an email when SMTP is configured.
 */
export async function recordSignIn(user: { id: number; email: string }, client: ClientInfo) {
  const earlier = await db.securityEvent.findMany({
    where: { userId: user.id, kind: { in: ["signed-in", "account-created"] } },
    orderBy: { at: "desc" },
    take: DEVICES_REMEMBERED,
    select: { userAgent: true },
  });
  const kind = describeDeviceKind(client.userAgent);
  const newDevice = earlier.length > 0 && !earlier.some((seen) => describeDeviceKind(seen.userAgent) === kind);
  const event = { userId: user.id, kind: "signed-in", client, notice: newDevice } as const;
  await recordSecurityEvent({ ...event, detail: newDevice ? NEW_DEVICE : null });
  if (newDevice) emailNoticeLater([user.email], "signed-in", NEW_DEVICE, client);
}

// Once a lock is renewed by each new wrong password after it ends, the owner has heard of it: one notice a day.
const GUESSING_NOTICE_INTERVAL_MS = 24 * 3600 * 1000;

/**
 * Records that guessing locked the account's sign-ins from browsers it does not know: a notice, and an email
 * where SMTP is configured, at most once a day however often the lock is renewed. After the response has gone,
 * like every other record of a wrong password.
 */
export function recordGuessingStoppedLater(userId: number, client: ClientInfo) {
  after(async () => {
    try {
      const since = new Date(Date.now() - GUESSING_NOTICE_INTERVAL_MS);
      const told = await db.securityEvent.count({ where: { userId, kind: "account-locked", at: { gt: since } } });
      if (told > 0) return;
      await recordSecurityEvent({ userId, kind: "account-locked", client, notice: true });
      const owner = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
      if (owner) await emailNotice([owner.email], "account-locked", null, client);
    } catch (error) {
      logFailure("security activity", error);
    }
  });
}

/** Records a change to how the account signs in, as a notice, and emails it (to the old address as well). */
export async function recordAccountChange(
  user: { id: number; email: string },
  kind: "password-changed" | "email-changed",
  client: ClientInfo,
  newEmail?: string,
) {
  await recordSecurityEvent({ userId: user.id, kind, client, notice: true });
  emailNoticeLater(newEmail ? [user.email, newEmail] : [user.email], kind, null, client);
}

const SHOWN_FIELDS = { id: true, kind: true, detail: true, at: true, ipAddress: true, userAgent: true } as const;

/** The account's own history, newest first. */
export async function listSecurityEvents(userId: number) {
  return listShownEvents({ userId });
}

/** Notices the user has not dismissed yet, newest first. */
export async function listOpenNotices(userId: number) {
  return listShownEvents({ userId, notice: true, dismissedAt: null });
}

async function listShownEvents(where: Prisma.SecurityEventWhereInput) {
  const rows = await db.securityEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: SHOWN_EVENTS,
    select: SHOWN_FIELDS,
  });
  return rows.map(({ kind, detail, userAgent, ...row }) => ({
    ...row,
    description: describeSecurityEvent(kind, detail),
    device: describeDevice(userAgent),
  }));
}

export async function dismissNotices(userId: number) {
  await db.securityEvent.updateMany({
    where: { userId, notice: true, dismissedAt: null },
    data: { dismissedAt: new Date() },
  });
}

function emailNoticeLater(recipients: string[], kind: SecurityEventKind, detail: string | null, client: ClientInfo) {
  after(() => emailNotice(recipients, kind, detail, client));
}

const ADVICE: Partial<Record<SecurityEventKind, string>> = {
  "account-locked":
    "Someone may be guessing your password. Browsers you have signed in with before still sign in as usual. If your password is short or used elsewhere too, change it:",
};
const USUAL_ADVICE =
  "If this was you, there is nothing to do. If it was not, change your password and sign out everywhere:";

async function emailNotice(recipients: string[], kind: SecurityEventKind, detail: string | null, client: ClientInfo) {
  const origin = readPublicOrigin() ?? "";
  const text = [
    `${describeSecurityEvent(kind, detail)}.`,
    "",
    `When: ${new Date().toUTCString()}`,
    `Device: ${describeDevice(client.userAgent)}`,
    `Address: ${client.ipAddress ?? "unknown"}`,
    "",
    ADVICE[kind] ?? USUAL_ADVICE,
    `${origin}/account/activity`,
  ].join("\n");
  const subject = `Sessionproof security notice: ${describeSecurityEvent(kind, detail)}`;
  for (const to of recipients) await sendMail(to, subject, text).catch((error) => logFailure("notice email", error));
}
