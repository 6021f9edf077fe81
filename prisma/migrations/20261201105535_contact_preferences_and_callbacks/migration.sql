-- AlterTable
ALTER TABLE "Borrower" ADD COLUMN     "preferredChannel" "CommunicationChannel",
ADD COLUMN     "preferredContactEndMinutes" INTEGER,
ADD COLUMN     "preferredContactStartMinutes" INTEGER;

-- AlterTable
ALTER TABLE "Communication" ADD COLUMN     "callbackAt" TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "communicationId" UUID;

-- CreateIndex
CREATE INDEX "Task_communicationId_idx" ON "Task"("communicationId");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: preferred contact hours are a same-day window in the borrower's local time, both ends or none.
ALTER TABLE "Borrower" ADD CONSTRAINT "Borrower_preferred_contact_hours_check" CHECK (
  ("preferredContactStartMinutes" IS NULL AND "preferredContactEndMinutes" IS NULL)
  OR ("preferredContactStartMinutes" >= 0 AND "preferredContactEndMinutes" <= 1440
      AND "preferredContactStartMinutes" < "preferredContactEndMinutes")
);
