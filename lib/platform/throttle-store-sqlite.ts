import "server-only";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import {
  RateLimiterSQLite,
  type IRateLimiterStoreNoAutoExpiryOptions,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { DatabaseDriver } from "@/lib/platform/database-client";

// The throttle's counts in the SQLite file (./throttle-store.ts): rate-limiter-flexible's SQLite store, without
// Prisma, on a connection that never makes the process wait for a lock.

type SqliteDriver = Extract<DatabaseDriver, { kind: "sqlite" }>;

/**
 * The throttle's own connection to the SQLite file, beside Prisma's: opened at the first count, as the file may not
 * exist before (a build, a first start), and afresh after a failure, in case it left the connection unusable. It
 * waits for no lock: SqliteLimiter does the waiting.
 */
class SqliteConnection {
  #open: Database.Database | undefined;
  constructor(readonly driver: SqliteDriver) {}

  get(): Database.Database {
    return (this.#open ??= new Database(this.driver.file, { fileMustExist: true, timeout: 0 }));
  }

  discard() {
    this.#open?.close();
    this.#open = undefined;
  }
}

let shared: SqliteConnection | undefined;

/** A counter kept in the ThrottleCount table of the SQLite file; every counter shares one connection. */
export function createSqliteLimiter(
  options: Omit<IRateLimiterStoreNoAutoExpiryOptions, "storeClient" | "storeType">,
  driver: SqliteDriver,
): RateLimiterAbstract {
  return new SqliteLimiter(options, (shared ??= new SqliteConnection(driver)));
}

// What rate-limiter-flexible 11.4's SQLite store (its lib/RateLimiterSQLite.js) does inside, left out of its types.
type SqliteStoreInternals = {
  _validateStoreClient(): void;
  _getConnection(): Promise<Database.Database>;
  _upsert(key: string, points: number, msDuration: number, forceExpire?: boolean): Promise<unknown>;
  _get(key: string): Promise<unknown>;
  _delete(key: string): Promise<boolean>;
  clearExpired(before: number): Promise<void>;
};
const SqliteStore = RateLimiterSQLite as unknown as new (
  options: IRateLimiterStoreNoAutoExpiryOptions,
) => RateLimiterSQLite & SqliteStoreInternals;

/**
 * rate-limiter-flexible's SQLite store on a connection of the throttle's own, opened at first use. Its statements
 * run synchronously: a wait for the write lock inside SQLite would stop the whole process, the Prisma transaction
 * that holds the lock included. So the connection waits for nothing, and a statement that finds the lock taken is
 * tried again a little later, for as long as any other write would wait for it.
 */
class SqliteLimiter extends SqliteStore {
  constructor(
    options: Omit<IRateLimiterStoreNoAutoExpiryOptions, "storeClient" | "storeType">,
    private readonly connection: SqliteConnection,
  ) {
    super({ ...options, storeClient: null, storeType: "better-sqlite3" });
  }

  // There is no connection to check yet: it opens at the first count.
  override _validateStoreClient() {}

  override async _getConnection() {
    return this.connection.get();
  }

  override _upsert(key: string, points: number, msDuration: number, forceExpire = false) {
    return this.whenUnlocked(() => super._upsert(key, points, msDuration, forceExpire));
  }

  override _get(key: string) {
    return this.whenUnlocked(() => super._get(key));
  }

  override _delete(key: string) {
    return this.whenUnlocked(() => super._delete(key));
  }

  // The hourly sweep: one that fails is tried again at the next.
  override clearExpired(before: number) {
    return this.whenUnlocked(() => super.clearExpired(before)).catch(() => {});
  }

  private async whenUnlocked<T>(statement: () => Promise<T>): Promise<T> {
    const giveUpAt = performance.now() + this.connection.driver.lockWaitMs;
    for (let pause = 1; ; pause = Math.min(2 * pause, 25)) {
      try {
        return await statement();
      } catch (error) {
        if (!isLockTaken(error)) {
          this.connection.discard();
          throw error;
        }
        if (performance.now() + pause > giveUpAt) throw error;
        await sleep(pause);
      }
    }
  }
}

function isLockTaken(error: unknown) {
  return /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: unknown })?.code?.toString() ?? "");
}
