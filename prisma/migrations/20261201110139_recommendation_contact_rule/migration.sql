-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "contactAllowed" BOOLEAN,
ADD COLUMN     "contactNextAllowedAt" TIMESTAMPTZ(6),
ADD COLUMN     "contactReason" TEXT,
ADD COLUMN     "contactRules" TEXT[] DEFAULT ARRAY[]::TEXT[];

