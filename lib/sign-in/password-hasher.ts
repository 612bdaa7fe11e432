import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// Resolved from the working directory, as Next.js resolves the app itself: the script runs as a process of its
// own, outside the server bundle. Started with spawn, not fork: Turbopack (Next.js 16.4) tries to bundle a path
// given to fork as a module and fails the build (vercel/next.js#97952).
const HASHER_SCRIPT = path.join(process.cwd(), "lib/sign-in/password-hasher.cjs");

/** The hashing process ended before it answered (killed, or out of memory); the next call starts a new one. */
export class PasswordHasherStopped extends Error {
  override name = "PasswordHasherStopped";
  constructor() {
    super("The password hashing process stopped before it answered.");
  }
}

type Reply = { id: number; result?: unknown; failed?: string };
type Waiter = { resolve: (result: unknown) => void; reject: (error: Error) => void };
type HasherState = { child?: ChildProcess; nextId: number; waiting: Map<number, Waiter> };

// Kept on globalThis, like the hashing queue, so a module loaded twice (development reloads) shares one process.
const processWide = globalThis as { sessionproofPasswordHasher?: HasherState };
const state: HasherState = (processWide.sessionproofPasswordHasher ??= { nextId: 0, waiting: new Map() });

/** argon2 in lib/sign-in/password-hasher.cjs, a child process at the lowest CPU priority. */
export const passwordHasher = {
  hash: (password: string, options: object) => ask<string>("hash", { password, options }),
  /** False for a wrong password and for a stored hash that cannot be read. */
  verify: (passwordHash: string, password: string) => ask<boolean>("verify", { passwordHash, password }),
};

function ask<T>(operation: keyof typeof passwordHasher, input: object): Promise<T> {
  const child = (state.child ??= startHasher());
  const id = state.nextId++;
  return new Promise<T>((resolve, reject) => {
    state.waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
    keepParentAlive(child, true);
    child.send({ id, operation, input }, (error: Error | null) => {
      if (error) settle({ id, failed: error.name });
    });
  });
}

function startHasher(): ChildProcess {
  const child = spawn(process.execPath, [HASHER_SCRIPT], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
  });
  child.on("message", (reply: Reply) => settle(reply));
  const stopped = () => {
    if (state.child !== child) return;
    state.child = undefined;
    for (const waiter of state.waiting.values()) waiter.reject(new PasswordHasherStopped());
    state.waiting.clear();
  };
  child.on("exit", stopped);
  child.on("error", stopped);
  keepParentAlive(child, false);
  return child;
}

function settle({ id, result, failed }: Reply) {
  const waiter = state.waiting.get(id);
  if (!waiter) return;
  state.waiting.delete(id);
  if (failed === undefined) waiter.resolve(result);
  else waiter.reject(new Error(`Password hashing failed (${failed}).`));
  if (state.waiting.size === 0 && state.child) keepParentAlive(state.child, false);
}

// An idle hasher must not keep a command-line tool or a test run from exiting; one with work waiting must, or
// the caller's promise would be dropped unanswered.
function keepParentAlive(child: ChildProcess, keep: boolean) {
  if (keep) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}
