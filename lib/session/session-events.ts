import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { logFailure } from "@/lib/platform/audit-log";
import type { ClientInfo } from "@/lib/platform/request-info";

// What the session store tells whoever listens, so that it writes sessions and nothing else: an optional wing (the
// owner's security activity) subscribes here. A listener that fails is logged and undoes nothing.

export type SessionEndReason =
  | "sign-out"
  | "replaced-by-sign-in"
  | "idle-timeout"
  | "absolute-timeout"
  | "rotated"
  | "revoked-by-user"
  | "revoked-by-admin"
  | "evicted"
  | "user-disabled";

export type DatabaseClient = Prisma.TransactionClient | PrismaClient;
export type EndedSession = { userId: number; reason: SessionEndReason; lastUse: ClientInfo; at: Date };
export type UseFromElsewhere = { userId: number; signIn: ClientInfo; lastUse: ClientInfo; at: Date };

export type SessionListener = {
  /** Called inside the transaction that ended them, so that what it writes commits with them. */
  sessionsEnded?(sessions: EndedSession[], database: DatabaseClient): Promise<void>;
  /** A session presented from another address or device than both its sign-in and its last recorded use. */
  usedElsewhere?(use: UseFromElsewhere, database: DatabaseClient): Promise<void>;
};

// On globalThis: Next.js loads instrumentation.ts, where listeners subscribe, apart from the routes.
const globalForListeners = globalThis as { sessionproofSessionListeners?: Map<string, SessionListener> };
const listeners = (globalForListeners.sessionproofSessionListeners ??= new Map<string, SessionListener>());

/** Subscribing again under the same name replaces the earlier listener. */
export function subscribeToSessionEvents(name: string, listener: SessionListener) {
  listeners.set(name, listener);
  return () => listeners.delete(name);
}

export async function tellSessionsEnded(sessions: EndedSession[], database: DatabaseClient) {
  for (const [name, listener] of sessions.length > 0 ? listeners : []) {
    await listener.sessionsEnded?.(sessions, database).catch((error) => logFailure(name, error));
  }
}

export async function tellUsedElsewhere(use: UseFromElsewhere, database: DatabaseClient) {
  for (const [name, listener] of listeners) {
    await listener.usedElsewhere?.(use, database).catch((error) => logFailure(name, error));
  }
}
