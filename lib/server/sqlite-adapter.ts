import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

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
