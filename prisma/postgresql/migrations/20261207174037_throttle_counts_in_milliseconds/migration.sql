-- The throttle's counts move to the table rate-limiter-flexible's PostgreSQL store reads without Prisma, with
-- the moment a count or wait ends in milliseconds since 1970 (docs/decisions/028-throttle-counts-without-prisma.md).
-- Counts and waits in force carry over, so an upgrade lifts no lock.

-- CreateTable
CREATE TABLE "ThrottleCount" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "ThrottleCount_pkey" PRIMARY KEY ("key")
);

-- The old column is a timestamp without time zone holding UTC.
INSERT INTO "ThrottleCount" ("key", "points", "expire")
SELECT "key", "points", round(extract(epoch FROM "expire") * 1000)::BIGINT
FROM "RateLimiterFlexible";

-- DropTable
DROP TABLE "RateLimiterFlexible";

-- CreateIndex
CREATE INDEX "ThrottleCount_expire_idx" ON "ThrottleCount"("expire");
