import "server-only";
import { requireUser } from "@/lib/session/current-session";
import { reauthenticate, type PasswordRefusal, requireRecentlyAuthenticatedUser } from "@/lib/sign-in/sign-in";
import {
  answerDeviceAuthorization,
  findPendingDeviceAuthorization,
  normalizeUserCode,
} from "@/lib/programs/device-authorizations";
import { beginUserCodeLookup } from "@/lib/programs/device-flow-limits";
import { createProgramLink, endProgramLink, listProgramLinks, type LinkEndReason } from "@/lib/programs/program-links";
import { readClientInfo } from "@/lib/platform/request-info";

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
export type DeviceRequestLookup =
  | { status: "found"; request: DeviceRequest }
  | { status: "no-such-request" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * The program waiting behind a code the viewer typed. A code that finds none (unknown, expired or answered)
 * counts against the viewer's account and address, and past their allowance nothing is looked up at all.
 */
export async function findDeviceRequest(typedCode: string): Promise<DeviceRequestLookup> {
  const { user } = await requireUser();
  const lookup = await beginUserCodeLookup({ userId: user.id, ipAddress: (await readClientInfo()).ipAddress });
  if (lookup.throttled) return { status: "throttled", retryAfterSeconds: lookup.retryAfterSeconds };
  const userCode = normalizeUserCode(typedCode);
  const pending = userCode && (await findPendingDeviceAuthorization(userCode));
  if (!pending) return { status: "no-such-request" };
  await lookup.found();
  return {
    status: "found",
    request: { userCode: userCode!, programName: pending.programName, requestedAt: pending.createdAt },
  };
}

/**
 * Approving links the program to the viewer, so the password is confirmed here and now, as for linking. The
 * caller has just found the request with findDeviceRequest, in the same request.
 */
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
