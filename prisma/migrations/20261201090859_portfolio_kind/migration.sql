-- CreateEnum
CREATE TYPE "PortfolioKind" AS ENUM ('OPERATIONAL', 'REFERENCE');

-- AlterTable
ALTER TABLE "Portfolio" ADD COLUMN     "kind" "PortfolioKind" NOT NULL DEFAULT 'OPERATIONAL';


-- Existing portfolios: the public data sets are reference data (kept for training and benchmarks); every
-- other source (the synthetic generator's "synthetic", the demo seed's "demo-seed", the benchmarks' "bench",
-- a lender's upload named after its importer) stays OPERATIONAL by the column default. A data set imported
-- into its own portfolio carries the data set's id as its source; one imported with --portfolio carries the
-- importer's command-line name (seeds/src/import.cli.ts), so both spellings are listed.
-- seeds/src/import-kinds.integration.test.ts checks this rule against what the real importers write.
UPDATE "Portfolio" SET "kind" = 'REFERENCE'
WHERE "source" IN ('uci-taiwan-credit-default', 'kaggle-credit-risk-dataset', 'uci-credit-card', 'credit-risk');
