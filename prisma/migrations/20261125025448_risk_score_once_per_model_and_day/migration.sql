-- CreateIndex
CREATE UNIQUE INDEX "RiskScore_loanId_modelVersionId_asOfDate_key" ON "RiskScore"("loanId", "modelVersionId", "asOfDate");

