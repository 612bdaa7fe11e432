-- CreateIndex
CREATE INDEX "Session_endedAt_lastSeenAt_idx" ON "Session"("endedAt", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Session_endedAt_absoluteExpiresAt_idx" ON "Session"("endedAt", "absoluteExpiresAt");

