import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { readDatabaseTarget, type DatabaseTarget } from "@/lib/platform/database-url.mjs";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { createPostgresReader, createSqliteReader, type PreparedReader } from "@/lib/platform/prepared-reads";

// How long a write waits for another one to finish before it fails: SQLite's busy timeout, PostgreSQL's lock
// timeout. Long enough for any ordinary overlap, short enough that a stuck database gets a clear error.
const LOCK_WAIT_MS = 5_000;

export const POSTGRES_POOL = {
  /** Connections per instance unless DATABASE_POOL_SIZE says otherwise. */
  defaultSize: 10,
  maxSize: 100,
  /** Waiting for a free connection, or for a new one to open. */
  connectTimeoutMs: 5_000,
  /** No single statement of this app takes long; one that does is stopped rather than left to hold a lock. */
  statementTimeoutMs: 15_000,
  /** A connection nobody has used for this long is closed. */
  idleTimeoutMs: 30_000,
} as const;

export type DatabaseSettings = { target: DatabaseTarget; poolSize: number };

/** DATABASE_URL and DATABASE_POOL_SIZE, checked; errors never repeat the URL. */
export function readDatabaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const target = readDatabaseTarget(env);
  const raw = env.DATABASE_POOL_SIZE?.trim();
  const poolSize = raw ? Number(raw) : POSTGRES_POOL.defaultSize;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > POSTGRES_POOL.maxSize) {
    throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to ${POSTGRES_POOL.maxSize}.`);
  }
  return { target, poolSize };
}

/**
 * A Prisma client for the configured database. Both generated clients come from one schema
 * (scripts/postgres-schema.mjs), so the PostgreSQL one has the same models and methods as the SQLite one the
 * rest of the code is typed against.
 */
export function createDatabaseClient(settings: DatabaseSettings = readDatabaseSettings()): PrismaClient {
  return connectDatabase(settings).client;
}

/** The driver underneath Prisma, for a library that speaks SQL itself (lib/platform/throttle-store.ts). */
export type DatabaseDriver = { kind: "sqlite"; file: string; lockWaitMs: number } | { kind: "postgresql"; pool: Pool };

/** The Prisma client, the reader for the few reads every request repeats (./prepared-reads.ts), the driver. */
export function connectDatabase({ target, poolSize }: DatabaseSettings = readDatabaseSettings()): {
  client: PrismaClient;
  readPrepared: PreparedReader;
  driver: DatabaseDriver;
} {
  if (target.kind === "sqlite") {
    return {
      client: new PrismaClient({ adapter: createSqliteAdapter(`file:${target.file}`, LOCK_WAIT_MS) }),
      readPrepared: createSqliteReader(target.file, LOCK_WAIT_MS),
      driver: { kind: "sqlite", file: target.file, lockWaitMs: LOCK_WAIT_MS },
    };
  }
  const pool = new Pool({
    connectionString: target.url,
    max: poolSize,
    connectionTimeoutMillis: POSTGRES_POOL.connectTimeoutMs,
    idleTimeoutMillis: POSTGRES_POOL.idleTimeoutMs,
    statement_timeout: POSTGRES_POOL.statementTimeoutMs,
    lock_timeout: LOCK_WAIT_MS,
  });
  // An idle connection the server drops must not take the process down; the next query opens another.
  pool.on("error", () => {});
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return {
    client: new PostgresPrismaClient({ adapter }) as unknown as PrismaClient,
    readPrepared: createPostgresReader(pool),
    driver: { kind: "postgresql", pool },
  };
}

type Statement = { run(): unknown };
type Connection = { prepare(sql: string): Statement };

/**
 * Prisma's SQLite adapter with transactions that take the write lock when they begin.
 *
 * The adapter opens every transaction, Prisma's own implicit ones included, with a plain `BEGIN`, which
 * waits for the write lock only at the first write. In WAL mode, when another connection (a second
 * instance, the admin command line, a script) commits in between, that first write fails at once with
 * SQLITE_BUSY_SNAPSHOT, and no busy timeout helps. `BEGIN IMMEDIATE` waits its turn instead.
 *
 * When the lock stays taken past the busy timeout, the transaction still begins, the plain way, and fails at
 * its first write as before: the adapter holds a mutex while it begins and releases it only at commit or
 * rollback, so a `BEGIN` that threw would leave every later transaction waiting forever.
 */
export function createSqliteAdapter(url: string, busyTimeoutMs: number) {
  const factory = new PrismaBetterSQLite3({ url, timeout: busyTimeoutMs });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // Assumes adapter 6.19's shape: its connection is `client`, and it begins with prepare("BEGIN").
    const connection = (adapter as unknown as { client: Connection }).client;
    const prepare = connection.prepare.bind(connection);
    const begin: Statement = {
      run() {
        try {
          return prepare("BEGIN IMMEDIATE").run();
        } catch {
          return prepare("BEGIN").run();
        }
      },
    };
    connection.prepare = (sql: string) => (sql === "BEGIN" ? begin : prepare(sql));
    return adapter;
  };
  return factory;
}
