-- AlterTable
ALTER TABLE "Session" ADD COLUMN "lastIpAddress" TEXT;
ALTER TABLE "Session" ADD COLUMN "lastUserAgent" TEXT;

