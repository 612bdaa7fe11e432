import "server-only";
import { Redis } from "ioredis";
import { RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseDriver } from "@/lib/platform/db";
import { createSqliteLimiter } from "@/lib/platform/throttle-store-sqlite";

// Where the throttle keeps its counts: the app's own database by default, or Redis when THROTTLE_REDIS_URL
// names one. Either way every instance of the app sees the same counts. In the database, rate-limiter-flexible's
// SQLite and PostgreSQL stores speak to the driver itself: through Prisma, the half-dozen counts a sign-in reads
// and writes cost more CPU than the rest of it (docs/decisions/028-throttle-counts-without-prisma.md).

/** The table of prisma/schema.prisma's ThrottleCount model, created by the migrations. */
const THROTTLE_TABLE = "ThrottleCount";

/** Reads THROTTLE_REDIS_URL; a malformed one stops the server at start (see configuration.ts). */
export function readThrottleRedisUrl(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.THROTTLE_REDIS_URL?.trim();
  if (!raw) return null;
  const scheme = URL.canParse(raw) ? new URL(raw).protocol : null;
  if (scheme !== "redis:" && scheme !== "rediss:") {
    // The value may hold a password: never repeat it.
    throw new Error("THROTTLE_REDIS_URL must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379/0.");
  }
  return raw;
}

/** A counter of `points` per `duration` seconds under `keyPrefix`; `clearExpired` sweeps old database rows. */
export function createLimiter(
  keyPrefix: string,
  points: number,
  duration: number,
  clearExpired = false,
): RateLimiterAbstract {
  const redis = throttleRedis();
  if (redis) {
    // Redis forgets expired keys by itself.
    return new RateLimiterRedis({ storeClient: redis, keyPrefix: `sessionproof:${keyPrefix}`, points, duration });
  }
  const options = { keyPrefix, points, duration, tableName: THROTTLE_TABLE, tableCreated: true };
  if (databaseDriver.kind === "postgresql") {
    // Named statements on the pool Prisma uses: each connection parses them once.
    const store = { storeClient: databaseDriver.pool, storeType: "pool", clearExpiredByTimeout: clearExpired };
    return new RateLimiterPostgres({ ...options, ...store });
  }
  return createSqliteLimiter({ ...options, clearExpiredByTimeout: clearExpired }, databaseDriver);
}

function throttleRedis(): Redis | null {
  const url = readThrottleRedisUrl();
  if (!url) return null;
  // One connection per process. A request waits for it while it connects, and fails after one retry while
  // Redis is down: the sign-in then says the service is unavailable, as it does with the database down.
  const shared = globalThis as { sessionproofThrottleRedis?: Redis };
  return (shared.sessionproofThrottleRedis ??= new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 }));
}

/** A counter's answer when its subject has used up its allowance: how long to wait before asking again. */
export type Throttled = { throttled: true; retryAfterSeconds: number };
