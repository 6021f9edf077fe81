-- CreateEnum
CREATE TYPE "RescoringRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "RescoringRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portfolioId" UUID NOT NULL,
    "status" "RescoringRunStatus" NOT NULL DEFAULT 'RUNNING',
    "modelVersion" TEXT NOT NULL,
    "asOf" TIMESTAMPTZ(6) NOT NULL,
    "trigger" TEXT NOT NULL,
    "scheduleSlot" INTEGER,
    "chunksTotal" INTEGER NOT NULL,
    "chunksDone" INTEGER NOT NULL DEFAULT 0,
    "loansTotal" INTEGER NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(6),

    CONSTRAINT "RescoringRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RescoringChunk" (
    "runId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "afterLoanId" UUID,
    "throughLoanId" UUID NOT NULL,
    "loans" INTEGER NOT NULL,
    "committedThroughLoanId" UUID,
    "loansDone" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "events" JSONB NOT NULL DEFAULT '{}',
    "claimedBy" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "doneAt" TIMESTAMPTZ(6),

    CONSTRAINT "RescoringChunk_pkey" PRIMARY KEY ("runId","index")
);

-- CreateIndex
CREATE INDEX "RescoringRun_status_idx" ON "RescoringRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "RescoringRun_portfolioId_scheduleSlot_key" ON "RescoringRun"("portfolioId", "scheduleSlot");

-- AddForeignKey
ALTER TABLE "RescoringRun" ADD CONSTRAINT "RescoringRun_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RescoringChunk" ADD CONSTRAINT "RescoringChunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RescoringRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

