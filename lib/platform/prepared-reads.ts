import Database from "better-sqlite3";
import pg, { type CustomTypesConfig, type Pool } from "pg";

// Prisma plans, compiles and maps every query it runs, and its adapters prepare each statement anew: about
// 0.3 ms of CPU a query here, more than the rest of a signed-in request. The session check runs on every
// request, so its one read goes to the driver directly, as a statement prepared once per connection and
// reused. The throttle's counts skip Prisma too (./throttle-store.ts); everything else stays with Prisma.
// See docs/decisions/021-the-session-check-reads-without-prisma.md.

/** One read, written once for both databases: `$1`, `$2`… for values, and the columns that hold a moment. */
export type PreparedRead<Row> = { name: string; sql: string; dateColumns: readonly (keyof Row & string)[] };

/**
 * SQLite answers at once and PostgreSQL later. A caller awaits only a promise, so that on SQLite a signed-in
 * request takes as few turns of the event loop as a signed-out one (docs/decisions/022-a-session-check-without-waiting.md).
 */
export type PreparedReader = <Row>(
  read: PreparedRead<Row>,
  values: readonly (string | number)[],
) => Row[] | Promise<Row[]>;

/**
 * Its own connection to the SQLite file, opened at the first read that finds the file, and opened afresh after
 * a read fails, in case the failure left it unusable. It sees every write other connections have committed,
 * as Prisma's own connection would.
 */
export function createSqliteReader(file: string, busyTimeoutMs: number): PreparedReader {
  let connection: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  return function readRows<Row>(read: PreparedRead<Row>, values: readonly (string | number)[]) {
    try {
      connection ??= new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
      let statement = statements.get(read.name);
      if (!statement) {
        statement = connection.prepare(read.sql.replace(/\$(\d+)/g, "@p$1"));
        statements.set(read.name, statement);
      }
      // Prisma's SQLite adapter stores moments as ISO 8601 text.
      const named = Object.fromEntries(values.map((value, index) => [`p${index + 1}`, value]));
      return (statement.all(named) as Record<string, unknown>[]).map((row) => withDates<Row>(row, read));
    } catch (error) {
      statements.clear();
      connection?.close();
      connection = undefined;
      throw error;
    }
  };
}

/** On PostgreSQL, a named statement: each connection of the pool parses it once, then only executes it. */
export function createPostgresReader(pool: Pool): PreparedReader {
  return async function readRows<Row>(read: PreparedRead<Row>, values: readonly (string | number)[]) {
    const result = await pool.query({ name: read.name, text: read.sql, values: [...values], types: MOMENTS_AS_TEXT });
    return result.rows.map((row) => withDates<Row>(row, read));
  };
}

// Prisma's columns are `timestamp(3)` without a time zone, holding UTC. pg would read them in this process's
// local time zone, so they arrive as text and are read as UTC here.
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const MOMENTS_AS_TEXT = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? (text: string) => `${text.replace(" ", "T")}Z`
      : pg.types.getTypeParser(oid, format)) as CustomTypesConfig["getTypeParser"],
};

function withDates<Row>(row: Record<string, unknown>, read: PreparedRead<Row>): Row {
  for (const column of read.dateColumns) {
    const value = row[column];
    if (value !== null && value !== undefined) row[column] = new Date(value as string | number);
  }
  return row as Row;
}
