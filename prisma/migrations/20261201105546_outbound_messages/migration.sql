-- CreateEnum
CREATE TYPE "OutboundMessageStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "OutboundCancelReason" AS ENUM ('CONTACT_RULE', 'RECOMMENDATION_CHANGED', 'NOTHING_DUE', 'NO_ADDRESS');

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "borrowerId" UUID NOT NULL,
    "recommendationId" UUID,
    "actionType" "ActionType" NOT NULL,
    "channel" "CommunicationChannel" NOT NULL,
    "template" TEXT NOT NULL,
    "body" TEXT,
    "status" "OutboundMessageStatus" NOT NULL DEFAULT 'QUEUED',
    "notBefore" TIMESTAMPTZ(6) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "contactRule" TEXT,
    "cancelReason" "OutboundCancelReason",
    "lastError" TEXT,
    "dispatchedAt" TIMESTAMPTZ(6),
    "sentAt" TIMESTAMPTZ(6),
    "cancelledAt" TIMESTAMPTZ(6),
    "communicationId" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_communicationId_key" ON "OutboundMessage"("communicationId");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_notBefore_idx" ON "OutboundMessage"("status", "notBefore");

-- CreateIndex
CREATE INDEX "OutboundMessage_loanId_createdAt_idx" ON "OutboundMessage"("loanId", "createdAt");

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_borrowerId_fkey" FOREIGN KEY ("borrowerId") REFERENCES "Borrower"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Written by hand (Prisma does not model partial indexes): at most one pending message per loan and action,
-- whoever enqueues (a rescoring, a single-loan rescore, the sweep), so repeated rescorings never pile them up.
CREATE UNIQUE INDEX "OutboundMessage_one_pending_per_loan_action" ON "OutboundMessage"("loanId", "actionType") WHERE status IN ('QUEUED', 'SENDING');

-- A recommendation is carried out by one message at most: once sent or cancelled, none is made again for it
-- until the loan's recommendation changes.
CREATE UNIQUE INDEX "OutboundMessage_one_per_recommendation" ON "OutboundMessage"("recommendationId");
