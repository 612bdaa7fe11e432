import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createMigratedDatabase, createTestDatabaseUrl } from "@/testing/temporary-database";
import type { PreparedRead } from "@/lib/platform/prepared-reads";

process.env.DATABASE_URL = await createTestDatabaseUrl("prepared_reads");
const { db, readPrepared } = await import("@/lib/platform/db");
const { createSqliteReader } = await import("@/lib/platform/prepared-reads");

afterAll(() => db.$disconnect());

type SessionMoments = { id: number; createdAt: Date; lastSeenAt: Date; endedAt: Date | null };
const SESSION_MOMENTS: PreparedRead<SessionMoments> = {
  name: "test-session-moments",
  sql: `SELECT "id", "createdAt", "lastSeenAt", "endedAt" FROM "Session" WHERE "publicId" = $1`,
  dateColumns: ["createdAt", "lastSeenAt", "endedAt"],
};

it("returns a row's moments as the same instants Prisma does, whatever this process's time zone", async () => {
  const { id: userId } = await db.user.create({ data: { email: "moments@example.test", passwordHash: "x" } });
  const moment = new Date("2026-03-29T01:30:00.123Z"); // the hour European clocks skip
  const session = await db.session.create({
    data: {
      publicId: "moments",
      tokenHash: "moments-hash",
      userId,
      createdAt: moment,
      lastSeenAt: new Date(moment.getTime() + 1),
      authenticatedAt: moment,
      absoluteExpiresAt: moment,
    },
  });
  const timeZone = process.env.TZ;
  process.env.TZ = "Europe/Berlin";
  try {
    expect(await readPrepared(SESSION_MOMENTS, ["moments"])).toEqual([
      { id: session.id, createdAt: moment, lastSeenAt: new Date(moment.getTime() + 1), endedAt: null },
    ]);
  } finally {
    process.env.TZ = timeZone;
  }
  expect(await readPrepared(SESSION_MOMENTS, ["no such session"])).toEqual([]);
});

it("opens the SQLite file at the first read that finds it, so a server can start before its database", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sessionproof-")), "later.db");
  const read = createSqliteReader(file, 1000);
  expect(() => read(SESSION_MOMENTS, ["any"])).toThrow();
  copyFileSync(createMigratedDatabase(), file);
  expect(read(SESSION_MOMENTS, ["any"])).toEqual([]);
});
