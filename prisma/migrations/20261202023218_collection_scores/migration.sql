-- CreateEnum
CREATE TYPE "ModelKind" AS ENUM ('PROBABILITY_OF_DEFAULT', 'PROPENSITY_TO_PAY', 'PROMISE_KEPT');

-- AlterTable
ALTER TABLE "PromiseToPay" ADD COLUMN     "keptModelVersionId" UUID,
ADD COLUMN     "keptProbability" DOUBLE PRECISION,
ADD COLUMN     "keptReasons" JSONB;

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "kind" "ModelKind" NOT NULL DEFAULT 'PROBABILITY_OF_DEFAULT';

-- CreateTable
CREATE TABLE "PropensityScore" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "modelVersionId" UUID NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "overdueAmount" DECIMAL(14,2) NOT NULL,
    "expectedRecovery" DECIMAL(14,2) NOT NULL,
    "asOfDate" DATE NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "features" JSONB NOT NULL,
    "scoredAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PropensityScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PropensityScore_loanId_scoredAt_idx" ON "PropensityScore"("loanId", "scoredAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "PropensityScore_loanId_modelVersionId_asOfDate_key" ON "PropensityScore"("loanId", "modelVersionId", "asOfDate");

-- AddForeignKey
ALTER TABLE "PromiseToPay" ADD CONSTRAINT "PromiseToPay_keptModelVersionId_fkey" FOREIGN KEY ("keptModelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PropensityScore" ADD CONSTRAINT "PropensityScore_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PropensityScore" ADD CONSTRAINT "PropensityScore_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

