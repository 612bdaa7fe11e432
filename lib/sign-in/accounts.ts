import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";
import { hashPassword, isHashBelowCurrentStrength, verifyDecoyPassword, verifyPassword } from "@/lib/sign-in/password";
import type { SessionUser } from "@/lib/session/session-store";

const PUBLIC_FIELDS = { id: true, email: true, role: true } as const;

/** Null when the email is taken. Emails arrive normalised (see lib/sign-in/validation.ts). */
export async function createUser(email: string, password: string): Promise<SessionUser | null> {
  const passwordHash = await hashPassword(password);
  try {
    return await db.user.create({ data: { email, passwordHash }, select: PUBLIC_FIELDS });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export type CredentialCheck =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "unknown-email" }
  | { ok: false; reason: "wrong-password" | "account-disabled"; userId: number };

/**
 * The user, or why not. Every failure costs the same argon2id verification, and callers show one message
 * for all of them: the reason is for the security log only.
 */
export async function verifyUserCredentials(email: string, password: string): Promise<CredentialCheck> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return verifyDecoyPassword(password).then(() => ({ ok: false, reason: "unknown-email" }));
  if (!(await verifyPassword(user.passwordHash, password)))
    return { ok: false, reason: "wrong-password", userId: user.id };
  if (user.disabledAt) return { ok: false, reason: "account-disabled", userId: user.id };
  if (isHashBelowCurrentStrength(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { ok: true, user: { id: user.id, email: user.email, role: user.role } };
}

export async function verifyUserPassword(userId: number, password: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user ? verifyPassword(user.passwordHash, password) : false;
}

export async function changePassword(userId: number, newPassword: string) {
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
}

/** False when another account already uses the address. */
export async function changeEmail(userId: number, email: string): Promise<boolean> {
  try {
    await db.user.update({ where: { id: userId }, data: { email } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Deletes the account; its sessions go with it (the foreign key cascades). */
export async function deleteUser(userId: number) {
  await db.user.delete({ where: { id: userId } });
}

export async function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email }, select: { ...PUBLIC_FIELDS, disabledAt: true } });
}

export async function findUserById(userId: number) {
  return db.user.findUnique({ where: { id: userId }, select: { ...PUBLIC_FIELDS, disabledAt: true } });
}

export async function listUsers() {
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { ...PUBLIC_FIELDS, createdAt: true, disabledAt: true },
  });
}

export async function setUserRole(userId: number, role: "user" | "admin") {
  await db.user.update({ where: { id: userId }, data: { role } });
}

export async function setUserDisabled(userId: number, disabled: boolean) {
  await db.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
