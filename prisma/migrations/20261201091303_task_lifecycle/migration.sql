-- CreateEnum
CREATE TYPE "TaskOutcome" AS ENUM ('PROMISE_TO_PAY', 'PAYMENT_RECEIVED', 'PARTIAL_PAYMENT', 'PAYMENT_PLAN_AGREED', 'SETTLEMENT_AGREED', 'RESTRUCTURE_AGREED', 'CALLBACK_REQUESTED', 'NO_CONTACT', 'WRONG_PARTY', 'REFUSED_TO_PAY', 'DISPUTE_RAISED', 'HARDSHIP_REPORTED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "TaskCancelReason" AS ENUM ('AUTOMATED_ACTION', 'DUPLICATE');

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "cancelReason" "TaskCancelReason",
ADD COLUMN     "cancelledAt" TIMESTAMPTZ(6),
ADD COLUMN     "completedById" UUID,
ADD COLUMN     "outcome" "TaskOutcome",
ADD COLUMN     "startedById" UUID;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written from here: data fixes, then the one-open-task-per-loan index they make possible.

-- Tasks earlier rescorings cancelled (with only a note) get the reason they were cancelled for.
UPDATE "Task" SET "cancelReason" = 'AUTOMATED_ACTION', "cancelledAt" = "updatedAt"
WHERE status = 'CANCELLED' AND "cancelReason" IS NULL
  AND "outcomeNote" LIKE 'Cancelled by rescoring:%automated reminder';

-- Reminders are sent by the system, never by an agent: unstarted reminder tasks (the synthetic generator and
-- the demo seed made them) leave the worklists. Started work is never rewritten. The list is the one in
-- server/src/modules/tasks/task-actions.ts as of this migration.
UPDATE "Task" SET status = 'CANCELLED', "cancelReason" = 'AUTOMATED_ACTION', "cancelledAt" = now(), "updatedAt" = now()
WHERE status = 'OPEN' AND "actionType" IN ('SMS_REMINDER', 'PUSH_REMINDER', 'EMAIL_REMINDER');

-- At most one open task per loan: of several, the one an agent started is kept, else the most urgent (lowest
-- priority number, then soonest due, then newest), the others are cancelled as duplicates.
WITH ranked AS (
  SELECT id, row_number() OVER (
    PARTITION BY "loanId"
    ORDER BY (status = 'IN_PROGRESS') DESC, priority ASC, "dueAt" ASC, "createdAt" DESC, id
  ) AS rank
  FROM "Task" WHERE status IN ('OPEN', 'IN_PROGRESS')
)
UPDATE "Task" t SET status = 'CANCELLED', "cancelReason" = 'DUPLICATE', "cancelledAt" = now(), "updatedAt" = now()
FROM ranked r WHERE r.id = t.id AND r.rank > 1;

-- Enforced by the database from now on, whoever writes tasks (rescoring, seeds, imports, mutations).
CREATE UNIQUE INDEX "Task_one_open_per_loan" ON "Task"("loanId") WHERE status IN ('OPEN', 'IN_PROGRESS');
