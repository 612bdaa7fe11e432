import "server-only";
import { reauthenticate, requireRecentlyAuthenticatedUser, requireUser, type PasswordRefusal } from "@/lib/server/auth";
import {
  answerDeviceAuthorization,
  findPendingDeviceAuthorization,
  normalizeUserCode,
} from "@/lib/server/device-authorizations";
import { createProgramLink, endProgramLink, listProgramLinks, type LinkEndReason } from "@/lib/server/program-links";

// What a signed-in user does with the programs linked to their account, from the browser.

export type ProgramLinkItem = {
  publicId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
  endedAt: Date | null;
  endReason: LinkEndReason | null;
};

/**
 * Links a program after the password is confirmed here and now. The refresh token is returned to be
 * shown once: only its hash is kept, so nobody can show it again.
 */
export async function linkProgram(
  name: string,
  password: string,
): Promise<{ status: "linked"; name: string; refreshToken: string } | PasswordRefusal> {
  const { user } = await requireUser();
  const confirmation = await reauthenticate(password);
  if (confirmation.status !== "confirmed") return confirmation;
  const { link, refreshToken } = await createProgramLink(user.id, name);
  return { status: "linked", name: link.name, refreshToken };
}

/** The viewer's links, live first and then those ended in the last 30 days with the reason. */
export async function listLinks(): Promise<ProgramLinkItem[]> {
  const { user } = await requireUser();
  const rows = await listProgramLinks(user.id);
  const items = rows.map((row) => ({ ...row, endReason: row.endReason as LinkEndReason | null }));
  return [...items.filter((item) => !item.endedAt), ...items.filter((item) => item.endedAt)];
}

/** Ends one of the viewer's links; its tokens stop working on their next use. Needs a recent confirmation. */
export async function endLink(publicId: string): Promise<boolean> {
  const { user } = await requireRecentlyAuthenticatedUser("/account/apps");
  return endProgramLink(user.id, publicId, "unlinked-by-user");
}

export type DeviceRequest = { userCode: string; programName: string; requestedAt: Date };

/** The program waiting behind a code the viewer typed; null for a code that is unknown, expired or answered. */
export async function findDeviceRequest(typedCode: string): Promise<DeviceRequest | null> {
  await requireUser();
  const userCode = normalizeUserCode(typedCode);
  const pending = userCode && (await findPendingDeviceAuthorization(userCode));
  return pending ? { userCode: userCode!, programName: pending.programName, requestedAt: pending.createdAt } : null;
}

/** Approving links the program to the viewer, so the password is confirmed here and now, as for linking. */
export async function approveDeviceRequest(
  userCode: string,
  password: string,
): Promise<{ status: "approved" } | { status: "no-such-request" } | PasswordRefusal> {
  const { user } = await requireUser();
  const confirmation = await reauthenticate(password);
  if (confirmation.status !== "confirmed") return confirmation;
  const approved = await answerDeviceAuthorization(userCode, user.id, "approve");
  return approved ? { status: "approved" } : { status: "no-such-request" };
}

export async function denyDeviceRequest(userCode: string): Promise<boolean> {
  const { user } = await requireUser();
  return answerDeviceAuthorization(userCode, user.id, "deny");
}
