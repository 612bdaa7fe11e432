import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { hashPassword, isHashBelowCurrentStrength, verifyDecoyPassword, verifyPassword } from "./password";
import type { SessionUser } from "./session";

/** Null when the email is taken. Emails arrive normalised (see lib/validation.ts). */
export async function createUser(email: string, password: string): Promise<SessionUser | null> {
  const passwordHash = await hashPassword(password);
  try {
    return await db.user.create({ data: { email, passwordHash }, select: { id: true, email: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

/** The user, or null for an unknown email, a wrong password or a disabled account alike. */
export async function verifyUserCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return verifyDecoyPassword(password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  if (user.disabledAt) return null;
  if (isHashBelowCurrentStrength(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { id: user.id, email: user.email };
}
