-- CreateIndex
CREATE INDEX "Recommendation_riskScoreId_idx" ON "Recommendation"("riskScoreId");

-- CreateIndex
CREATE INDEX "Task_recommendationId_idx" ON "Task"("recommendationId");

