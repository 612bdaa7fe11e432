// Direct access to the benchmark's database, beside the server: bulk rows and a count of row writes.
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "@/lib/platform/database-url.mjs";

export type BenchDatabase = {
  exec(sql: string): Promise<void>;
  count(sql: string): Promise<number>;
  /** Adds `count` ended sessions (ended 40 days ago) to a user of their own, in one transaction. */
  addEndedSessions(count: number): Promise<void>;
  close(): Promise<void>;
};

const FILLER_EMAIL = "bench-filler@example.test";
const ENDED_DAYS_AGO = 40;

export async function openBenchDatabase(target: DatabaseTarget): Promise<BenchDatabase> {
  return target.kind === "sqlite" ? openSqlite(target.file) : openPostgres(target.url);
}

function openSqlite(file: string): BenchDatabase {
  const database = new Database(file);
  database.pragma("busy_timeout = 10000");
  const iso = (date: Date) => date.toISOString().replace("Z", "+00:00");
  return {
    async exec(sql) {
      database.exec(sql);
    },
    async count(sql) {
      return Number(Object.values(database.prepare<[], Record<string, unknown>>(sql).get()!)[0]);
    },
    async addEndedSessions(count) {
      const ended = iso(new Date(Date.now() - ENDED_DAYS_AGO * 86_400_000));
      database
        .prepare(
          `INSERT OR IGNORE INTO "User" ("email", "passwordHash", "role", "createdAt") VALUES (?, 'x', 'user', ?)`,
        )
        .run(FILLER_EMAIL, ended);
      const { id } = database
        .prepare<[string], { id: number }>(`SELECT "id" FROM "User" WHERE "email" = ?`)
        .get(FILLER_EMAIL)!;
      const start = database.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "Session"`).get()!.n;
      const insert = database.prepare(`INSERT INTO "Session" ("publicId", "tokenHash", "userId", "createdAt",
        "lastSeenAt", "absoluteExpiresAt", "authenticatedAt", "endedAt", "endReason")
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'sign-out')`);
      database.transaction(() => {
        for (let i = start; i < start + count; i++) {
          insert.run(`bench-${i}`, `bench-hash-${i}`, id, ended, ended, ended, ended, ended);
        }
      })();
    },
    async close() {
      database.close();
    },
  };
}

async function openPostgres(url: string): Promise<BenchDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async count(sql) {
      return Number(Object.values((await client.query(sql)).rows[0])[0]);
    },
    async addEndedSessions(count) {
      await client.query(
        `INSERT INTO "User" ("email", "passwordHash") VALUES ($1, 'x') ON CONFLICT ("email") DO NOTHING`,
        [FILLER_EMAIL],
      );
      await client.query(
        `INSERT INTO "Session" ("publicId", "tokenHash", "userId", "createdAt", "lastSeenAt", "absoluteExpiresAt",
           "authenticatedAt", "endedAt", "endReason")
         SELECT 'bench-' || g, 'bench-hash-' || g, u."id", t, t, t, t, t, 'sign-out'
         FROM generate_series((SELECT count(*) FROM "Session") + 1, (SELECT count(*) FROM "Session") + $1) g,
              (SELECT "id" FROM "User" WHERE "email" = $2) u,
              (SELECT now() - make_interval(days => $3) AS t) d`,
        [count, FILLER_EMAIL, ENDED_DAYS_AGO],
      );
    },
    async close() {
      await client.end();
    },
  };
}

/** Counts every row inserted, updated or deleted in the app's tables while `run` runs, with triggers. */
export async function countRowWrites(database: BenchDatabase, kind: DatabaseTarget["kind"], run: () => Promise<void>) {
  const tables = ["User", "Session", "SecurityEvent", "ThrottleCount", "ProgramLink", "AuditEvent", "Setting"];
  await database.exec(`CREATE TABLE "BenchWrites" ("n" BIGINT NOT NULL); INSERT INTO "BenchWrites" VALUES (0);`);
  if (kind === "postgresql") {
    await database.exec(`CREATE FUNCTION bench_count_write() RETURNS trigger AS $$
      BEGIN UPDATE "BenchWrites" SET "n" = "n" + 1; RETURN NULL; END $$ LANGUAGE plpgsql;`);
  }
  for (const table of tables) {
    for (const operation of ["INSERT", "UPDATE", "DELETE"]) {
      const name = `bench_${table}_${operation}`;
      await database.exec(
        kind === "postgresql"
          ? `CREATE TRIGGER ${name} AFTER ${operation} ON "${table}" FOR EACH ROW EXECUTE FUNCTION bench_count_write()`
          : `CREATE TRIGGER ${name} AFTER ${operation} ON "${table}" BEGIN UPDATE "BenchWrites" SET "n" = "n" + 1; END`,
      );
    }
  }
  try {
    await run();
    return await database.count(`SELECT "n" FROM "BenchWrites"`);
  } finally {
    for (const table of tables) {
      for (const operation of ["INSERT", "UPDATE", "DELETE"]) {
        const name = `bench_${table}_${operation}`;
        await database.exec(kind === "postgresql" ? `DROP TRIGGER ${name} ON "${table}"` : `DROP TRIGGER ${name}`);
      }
    }
    await database.exec(`DROP TABLE "BenchWrites"`);
  }
}
