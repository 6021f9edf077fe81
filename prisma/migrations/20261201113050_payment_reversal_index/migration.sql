-- CreateIndex
CREATE INDEX IF NOT EXISTS "Payment_reversesPaymentId_idx" ON "Payment"("reversesPaymentId");

