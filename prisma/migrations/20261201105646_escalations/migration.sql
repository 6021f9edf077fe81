-- CreateEnum
CREATE TYPE "EscalationReason" AS ENUM ('RECOMMENDED', 'BROKEN_PROMISES', 'REFUSED_TO_PAY', 'DISPUTE', 'HARDSHIP', 'UNCONTACTABLE', 'FRAUD_SUSPECTED', 'OTHER');

-- CreateEnum
CREATE TYPE "EscalationOutcome" AS ENUM ('RETURNED_TO_AGENT', 'ARRANGEMENT_AGREED', 'PLACED_WITH_AGENCY', 'PLACED_WITH_LEGAL', 'WRITTEN_OFF');

-- CreateEnum
CREATE TYPE "LoanHandoff" AS ENUM ('AGENCY', 'LEGAL', 'WRITTEN_OFF');

-- AlterEnum
ALTER TYPE "TaskCancelReason" ADD VALUE 'ESCALATED';
ALTER TYPE "TaskCancelReason" ADD VALUE 'RECOMMENDATION_CHANGED';

-- AlterTable
ALTER TABLE "Loan" ADD COLUMN     "handedOffAt" TIMESTAMPTZ(6),
ADD COLUMN     "handoff" "LoanHandoff";

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "escalatedById" UUID,
ADD COLUMN     "escalationNote" TEXT,
ADD COLUMN     "escalationOutcome" "EscalationOutcome",
ADD COLUMN     "escalationReason" "EscalationReason",
ADD COLUMN     "handoverNote" TEXT,
ADD COLUMN     "previousTaskId" UUID;

-- CreateIndex
CREATE INDEX "Task_actionType_status_priority_createdAt_idx" ON "Task"("actionType", "status", "priority", "createdAt");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_escalatedById_fkey" FOREIGN KEY ("escalatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_previousTaskId_fkey" FOREIGN KEY ("previousTaskId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Escalations wait in the recovery managers' queue, unassigned: the synthetic generator used to give them to
-- the loan's agent. Unstarted ones go back to the queue (their team kept), and every escalation made before
-- reasons existed was the recommendation policy's.
UPDATE "Task" SET "escalationReason" = 'RECOMMENDED' WHERE "actionType" = 'ESCALATE_TO_RECOVERY_MANAGER' AND "escalationReason" IS NULL;
UPDATE "Task" t SET "teamId" = COALESCE(t."teamId", u."teamId"), "assigneeId" = NULL, "updatedAt" = now()
FROM "User" u
WHERE u.id = t."assigneeId" AND u.role = 'AGENT' AND t."actionType" = 'ESCALATE_TO_RECOVERY_MANAGER' AND t.status = 'OPEN';

-- CreateIndex
CREATE INDEX "Task_previousTaskId_idx" ON "Task"("previousTaskId");

-- Deleting a portfolio cascades to its payments and contacts, and each deleted row is checked against the
-- rows that point at it: without these indexes, a scan of the whole table per row (minutes per portfolio).
CREATE INDEX "Payment_reversesPaymentId_idx" ON "Payment"("reversesPaymentId");
CREATE INDEX "PromiseToPay_communicationId_idx" ON "PromiseToPay"("communicationId");
