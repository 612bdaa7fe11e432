-- CreateTable
CREATE TABLE "ProgramLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicId" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "lastUsedAddress" TEXT,
    "endedAt" DATETIME,
    "endReason" TEXT,
    CONSTRAINT "ProgramLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RefreshToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "linkId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "RefreshToken_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "ProgramLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProgramLink_publicId_key" ON "ProgramLink"("publicId");

-- CreateIndex
CREATE INDEX "ProgramLink_userId_endedAt_idx" ON "ProgramLink"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "RefreshToken_linkId_idx" ON "RefreshToken"("linkId");

