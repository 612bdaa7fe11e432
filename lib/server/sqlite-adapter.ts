import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Connection = { prepare(sql: string): unknown };

/**
 * Prisma's SQLite adapter with transactions that take the write lock when they begin.
 *
 * The adapter opens every transaction, Prisma's own implicit ones included, with a plain `BEGIN`, which
 * waits for the write lock only at the first write. In WAL mode, when another connection (a second
 * instance, the admin command line, a script) commits in between, that first write fails at once with
 * SQLITE_BUSY_SNAPSHOT, and no busy timeout helps. `BEGIN IMMEDIATE` waits its turn instead.
 */
export function createSqliteAdapter(url: string, busyTimeoutMs: number) {
  const factory = new PrismaBetterSQLite3({ url, timeout: busyTimeoutMs });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // Assumes adapter 6.19's shape: its connection is `client`, and it begins with prepare("BEGIN").
    const connection = (adapter as unknown as { client: Connection }).client;
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return factory;
}
