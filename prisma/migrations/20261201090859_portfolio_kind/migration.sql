-- CreateEnum
CREATE TYPE "PortfolioKind" AS ENUM ('OPERATIONAL', 'REFERENCE');

-- AlterTable
ALTER TABLE "Portfolio" ADD COLUMN     "kind" "PortfolioKind" NOT NULL DEFAULT 'OPERATIONAL';


-- Existing portfolios: the public data sets are reference data (kept for training and benchmarks), every
-- other source (synthetic for the synthetic generator, demo-seed for the demo seed, bench for the
-- benchmarks, the importer name for a lender upload) stays OPERATIONAL by the column default. A data set
-- imported into its own portfolio carries the data set id as its source, one imported with --portfolio
-- carries the importer command-line name (seeds/src/import-target.ts), so both spellings are listed.
-- (No semicolon in these comments: the driver adapter splits the script into statements at each one.)
-- seeds/src/import-kinds.integration.test.ts checks this rule against what the real importers write.
UPDATE "Portfolio" SET "kind" = 'REFERENCE'
WHERE "source" IN ('uci-taiwan-credit-default', 'kaggle-credit-risk-dataset', 'uci-credit-card', 'credit-risk');
