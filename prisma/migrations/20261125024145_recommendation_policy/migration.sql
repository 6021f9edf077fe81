-- CreateTable
CREATE TABLE "RecommendationPolicy" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecommendationPolicy_version_key" ON "RecommendationPolicy"("version");

-- AddForeignKey
ALTER TABLE "RecommendationPolicy" ADD CONSTRAINT "RecommendationPolicy_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- At most one active policy (Prisma cannot express a partial unique index).
CREATE UNIQUE INDEX "RecommendationPolicy_one_active" ON "RecommendationPolicy" ("active") WHERE "active";
