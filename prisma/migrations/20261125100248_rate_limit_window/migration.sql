-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowEndsAt" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key")
);

-- Counters are rewritten on almost every request and are worthless after a crash (the worst case is that
-- limits start over), so they skip the WAL: cheaper writes, and PostgreSQL empties the table on crash
-- recovery. Prisma does not model logged-ness, so this causes no schema drift.
ALTER TABLE "RateLimitWindow" SET UNLOGGED;
