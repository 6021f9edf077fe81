-- AlterTable
ALTER TABLE "RecommendationPolicy" ADD COLUMN     "activatedAt" TIMESTAMPTZ(6),
ADD COLUMN     "activatedById" UUID;

-- AddForeignKey
ALTER TABLE "RecommendationPolicy" ADD CONSTRAINT "RecommendationPolicy_activatedById_fkey" FOREIGN KEY ("activatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Versions saved before drafts existed were active from the moment they were saved
UPDATE "RecommendationPolicy" SET "activatedAt" = "createdAt", "activatedById" = "createdById";
