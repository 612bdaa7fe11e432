-- The throttle's counts move to the table rate-limiter-flexible's SQLite store reads without Prisma, with the
-- moment a count or wait ends in milliseconds since 1970 (docs/decisions/028-throttle-counts-without-prisma.md).
-- Counts and waits in force carry over, so an upgrade lifts no lock.

-- CreateTable
CREATE TABLE "ThrottleCount" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);

-- Prisma's SQLite adapter kept the moments as ISO 8601 text.
INSERT INTO "ThrottleCount" ("key", "points", "expire")
SELECT "key", "points",
       CASE WHEN "expire" IS NULL THEN NULL
            WHEN typeof("expire") = 'integer' THEN "expire"
            ELSE CAST(round((julianday("expire") - 2440587.5) * 86400000) AS INTEGER) END
FROM "RateLimiterFlexible";

-- DropTable
DROP TABLE "RateLimiterFlexible";

-- CreateIndex
CREATE INDEX "ThrottleCount_expire_idx" ON "ThrottleCount"("expire");
