import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { createMigratedDatabase } from "@/testing/temporary-database";

const file = createMigratedDatabase();
process.env.DATABASE_URL = `file:${file}`;
const { db } = await import("@/lib/platform/db");
const { PrismaClient } = await import("@/lib/generated/prisma/client");
const { createSqliteAdapter } = await import("@/lib/platform/database-client");

// Another process's connection to the same file, one that never waits for a lock.
const otherConnection = new Database(file, { timeout: 0 });
otherConnection.pragma("journal_mode = WAL");
const renameFromOutside = otherConnection.prepare("UPDATE User SET email = ? WHERE id = ?");
afterAll(async () => {
  otherConnection.close();
  await db.$disconnect();
});

it("holds the write lock from the start of a transaction, so another connection's write cannot void it", async () => {
  const { id } = await db.user.create({ data: { email: "first@example.test", passwordHash: "not a hash" } });

  await db.$transaction(async (tx) => {
    await tx.user.findUniqueOrThrow({ where: { id } });
    // With a plain BEGIN this write would pass, and the update below would fail with SQLITE_BUSY_SNAPSHOT.
    expect(() => renameFromOutside.run("outside@example.test", id)).toThrow(/locked|busy/i);
    await tx.user.update({ where: { id }, data: { email: "inside@example.test" } });
  });

  expect(await db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ email: "inside@example.test" });
  renameFromOutside.run("outside@example.test", id);
  expect(await db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ email: "outside@example.test" });
});

it("still begins, and later transactions still run, when another connection holds the lock past the timeout", async () => {
  const impatient = new PrismaClient({ adapter: createSqliteAdapter(`file:${file}`, 50) });
  const { id } = await impatient.user.create({ data: { email: "waiting@example.test", passwordHash: "not a hash" } });
  otherConnection.exec("BEGIN IMMEDIATE");
  try {
    const update = impatient.$transaction((tx) => tx.user.update({ where: { id }, data: { role: "held" } }));
    await expect(update).rejects.toThrow();
  } finally {
    otherConnection.exec("ROLLBACK");
  }
  await impatient.$transaction((tx) => tx.user.update({ where: { id }, data: { role: "free" } }));
  expect(await impatient.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ role: "free" });
  await impatient.$disconnect();
});
