-- CreateEnum
CREATE TYPE "PromiseCancelReason" AS ENUM ('WITHDRAWN', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ArrangementKind" AS ENUM ('PAYMENT_PLAN', 'SETTLEMENT');

-- AlterTable
ALTER TABLE "PromiseToPay" ADD COLUMN     "arrangementId" UUID,
ADD COLUMN     "cancelReason" "PromiseCancelReason",
ADD COLUMN     "cancelledById" UUID,
ADD COLUMN     "sequence" INTEGER,
ADD COLUMN     "supersededById" UUID;

-- CreateTable
CREATE TABLE "Arrangement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "borrowerId" UUID NOT NULL,
    "kind" "ArrangementKind" NOT NULL,
    "totalAmount" DECIMAL(14,2) NOT NULL,
    "balanceAtAgreement" DECIMAL(14,2),
    "communicationId" UUID,
    "loggedById" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMPTZ(6),

    CONSTRAINT "Arrangement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Arrangement_loanId_createdAt_idx" ON "Arrangement"("loanId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PromiseToPay_arrangementId_sequence_key" ON "PromiseToPay"("arrangementId", "sequence");

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_cancelledById_fkey" FOREIGN KEY ("cancelledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "PromiseToPay"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_arrangementId_fkey" FOREIGN KEY ("arrangementId") REFERENCES "Arrangement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Arrangement" ADD CONSTRAINT "Arrangement_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Arrangement" ADD CONSTRAINT "Arrangement_borrowerId_fkey" FOREIGN KEY ("borrowerId") REFERENCES "Borrower"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Arrangement" ADD CONSTRAINT "Arrangement_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Arrangement" ADD CONSTRAINT "Arrangement_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

